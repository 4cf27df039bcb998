/**
 * Bad passwords cannot starve good users (issue 21, item 7).
 *
 *   node --import tsx bench/bad-passwords.ts [--quick]
 *
 * The server runs in a child process (this file with `--serve`) with the default sign-in limits. Good
 * traffic is wrk with 16 connections: GETs of one page (v1) with a Bearer token, and the same with the
 * right Basic password of another user. The flood is a second wrk with 4 connections sending a wrong
 * password for the administrator as fast as it can, from another client address (`X-Forwarded-For`
 * through a trusted proxy, as behind a load balancer: wrk cannot pick its source address). Rounds
 * interleave each kind of good traffic alone and under the flood; the ratio is the median under the
 * flood over the median alone. The first wrong passwords of the run cost scrypt (until the address and
 * the user are locked out); after that the flood is answered 429 before any password is checked.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemPrincipal } from '../src/domain/principal.ts';
import { createToken } from '../src/services/tokens/create-token.ts';
import { createUser } from '../src/services/users/create-user.ts';
import { startBenchServer } from './support/bench-server.ts';
import { createPage, json } from './support/http-client.ts';
import { processCpuSeconds } from './support/processes.ts';
import { type Measure, report } from './support/report.ts';
import { serveParent, startChild, stopChild } from './support/server-child.ts';
import { median } from './support/stats.ts';
import { runWrk, type WrkRun } from './support/wrk.ts';

type ChildMessage = { type: 'ready'; origin: string; token: string };

/** A wrk run, with the server CPU seconds per 1,000 good requests while it ran (good traffic only). */
type Run = WrkRun & { cpuPerThousand?: number };

const goodPassword = 'alice-good-password';
const basicOf = (login: string, password: string) =>
  `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;

async function serve(dataDir: string): Promise<void> {
  const server = await startBenchServer(dataDir, {
    // The flood's X-Forwarded-For is believed from loopback only: it stands for a second client.
    TRIBUTARY_TRUSTED_PROXIES: '127.0.0.1',
  });
  const { services } = server.site;
  await createUser(services, systemPrincipal, { username: 'alice', password: goodPassword });
  const { secret } = await createToken(services, systemPrincipal, { username: 'admin', name: 'bench' });
  serveParent(server, { token: secret });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bench(quick: boolean): Promise<void> {
  const rounds = quick ? 2 : 5;
  const seconds = quick ? 3 : 8;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-bad-passwords-'));
  const script = fileURLToPath(import.meta.url);
  const { child, next } = startChild<ChildMessage>(script, ['--serve', dataDir]);
  try {
    const { origin, token } = await next();
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const pageId = await createPage(origin, 'BENCH', 'Read by good users');
    const url = `${origin}/rest/api/content/${pageId}`;
    const good = {
      bearer: { authorization: `Bearer ${token}` },
      basic: { authorization: basicOf('alice', goodPassword) },
    };
    const flood = { authorization: basicOf('admin', 'not-the-password'), 'x-forwarded-for': '127.0.0.2' };
    // Warm up both kinds of good traffic (the right Basic password is then verified once and cached).
    for (const headers of Object.values(good))
      await runWrk(url, { connections: 16, seconds: 1, headers: headers });

    const alone = { bearer: [] as Run[], basic: [] as Run[] };
    const flooded = { bearer: [] as Run[], basic: [] as Run[] };
    const floods: Run[] = [];
    const pid = child.pid ?? 0;
    const goodRun = async (headers: Record<string, string>) => {
      const cpuBefore = await processCpuSeconds(pid);
      const result = await runWrk(url, { connections: 16, seconds: seconds, headers: headers });
      const cpu = (await processCpuSeconds(pid)) - cpuBefore;
      assert.equal(result.non2xx, 0, 'good traffic is never refused');
      return { ...result, cpuPerThousand: (cpu / result.requests) * 1000 };
    };
    const underFlood = async (headers: Record<string, string>) => {
      const flooding = runWrk(url, { connections: 4, seconds: seconds + 2, headers: flood });
      await sleep(1000);
      const result = await goodRun(headers);
      floods.push(await flooding);
      return result;
    };
    // Neighbour-proof: the server CPU the flood takes on its own, once its guesser is locked out (five
    // wrong passwords, each a full scrypt, lock the user; the address's count stays below its limit).
    let answer = 401;
    for (let tries = 0; answer !== 429 && tries < 20; tries += 1) {
      answer = (await fetch(url, { headers: flood })).status;
    }
    assert.equal(answer, 429, 'the guesser is locked out');
    const floodCpuBefore = await processCpuSeconds(pid);
    const floodAlone = await runWrk(url, { connections: 4, seconds: seconds, headers: flood });
    const floodCpuShare = ((await processCpuSeconds(pid)) - floodCpuBefore) / seconds;
    for (let round = 0; round < rounds; round += 1) {
      for (const kind of ['bearer', 'basic'] as const) {
        // Which goes first alternates, so a neighbour's burst or the JIT's warming favours neither.
        if (round % 2 === 0) {
          alone[kind].push(await goodRun(good[kind]));
          flooded[kind].push(await underFlood(good[kind]));
        } else {
          flooded[kind].push(await underFlood(good[kind]));
          alone[kind].push(await goodRun(good[kind]));
        }
        const [a, f] = [alone[kind].at(-1), flooded[kind].at(-1)];
        console.log(
          `round ${round + 1} ${kind}: alone ${a?.requestsPerSecond.toFixed(0)} req/s ` +
            `(${a?.cpuPerThousand?.toFixed(3)} CPU s per 1,000), under the flood ${f?.requestsPerSecond.toFixed(0)} req/s ` +
            `(${f?.cpuPerThousand?.toFixed(3)} CPU s per 1,000; flood ${floods.at(-1)?.requestsPerSecond.toFixed(0)} req/s)`,
        );
      }
    }

    const measures: Measure[] = (['bearer', 'basic'] as const).map((kind) => {
      const base = median(alone[kind].map((r) => r.requestsPerSecond));
      const value = median(flooded[kind].map((r) => r.requestsPerSecond));
      const ratios = flooded[kind].map(
        (r, i) => r.requestsPerSecond / (alone[kind][i]?.requestsPerSecond ?? 1),
      );
      const ratio = value / base;
      const p99 = median(flooded[kind].map((r) => r.p99Ms));
      return {
        name: `GET a page, v1, ${kind === 'bearer' ? 'Bearer' : 'right Basic password'}, 16 connections, under 4 connections of wrong passwords (p99 ${p99.toFixed(1)} ms)`,
        value,
        unit: 'req/s',
        baseline: { name: 'the same alone', value: base, unit: 'req/s' },
        ratio,
        goal: '≥ 0.9',
        met: ratio >= 0.9,
        spread: `rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
      };
    });
    // Neighbour-proof: the server's CPU per good request, alone and with the flood's share added.
    for (const kind of ['bearer', 'basic'] as const) {
      const base = median(alone[kind].map((r) => r.cpuPerThousand ?? 0));
      const value = median(flooded[kind].map((r) => r.cpuPerThousand ?? 0));
      measures.push({
        name: `server CPU per 1,000 good requests (${kind === 'bearer' ? 'Bearer' : 'right Basic'}), flood included: alone over under the flood`,
        value: value * 1000,
        unit: 'ms',
        baseline: { name: 'alone', value: base * 1000, unit: 'ms' },
        ratio: base / value,
        goal: '≥ 0.9',
        met: base / value >= 0.9,
      });
    }
    measures.push({
      name: `server CPU taken by the flood alone (${floodAlone.requestsPerSecond.toFixed(1)} refusals/s), in cores`,
      value: floodCpuShare,
      unit: 'cores',
      goal: '≤ 0.1 (leaves ≥ 0.9 of a core to good users)',
      met: floodCpuShare <= 0.1,
    });
    const floodRate = median(floods.map((r) => r.requestsPerSecond));
    const refused = floods.reduce((sum, r) => sum + r.non2xx, 0);
    const total = floods.reduce((sum, r) => sum + r.requests, 0);
    measures.push({
      name: 'the flood: wrong passwords answered (401, then 429 once locked out), 4 connections',
      value: floodRate,
      unit: 'req/s',
      goal: 'all refused',
      met: refused === total,
      spread: `${refused} of ${total} refused`,
    });
    report(`tributary bad-passwords bench${quick ? ' (--quick)' : ''}`, measures);
  } finally {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '');
} else {
  await bench(process.argv.includes('--quick'));
}
