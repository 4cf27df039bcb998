/**
 * The cost of a cheap request: one attachment's or page's metadata, read with a Bearer token over 32
 * keep-alive connections, against a Fastify hello-world of the same Fastify version, measured in the same
 * run in interleaved rounds (issue 21, item 1).
 *
 *   node --import tsx bench/request-path.ts [--quick]
 *
 * Load comes from wrk (`-t1 -c32 --latency`); each server runs in a child process of its own. Tributary
 * starts as users get it: log level `info`, its log written to standard output, which goes to /dev/null
 * here, so the cost of writing every line is in the figures. The token is a personal access token of a
 * user who is not an administrator (so every read goes through the permission checks), made through
 * the token service as `tributary tokens create` does.
 *
 * Per round and target: requests per second and p99 latency; each round's ratio is Tributary over the
 * hello-world of the same round, and the figure is the median over rounds. Full: 5 rounds of 10 s per
 * target; `--quick`: 3 rounds of 3 s. It also prints each server's CPU time per request (from /proc), which
 * a busy machine moves less than it moves rates.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { systemPrincipal } from '../src/domain/principal.ts';
import { createToken } from '../src/services/tokens/create-token.ts';
import { createUser } from '../src/services/users/create-user.ts';
import { anAttachmentOf, aSpaceWithPage } from '../test/support/builders.ts';
import { originOf, startBenchServer } from './support/bench-server.ts';
import { processCpuSeconds } from './support/processes.ts';
import { type Measure, report } from './support/report.ts';
import { startChild, stopChild } from './support/server-child.ts';
import { median, spreadOf } from './support/stats.ts';
import { runWrk, type WrkRun } from './support/wrk.ts';

type ChildMessage =
  | { type: 'ready'; origin: string; token?: string; pageId?: number; attachmentId?: number }
  | { type: 'stop' };

// ---------------------------------------------------------------------------------------------------------
// The children: Tributary, and the hello-world.

async function serveTributary(dataDir: string): Promise<void> {
  const server = await startBenchServer(dataDir, { TRIBUTARY_LOG_LEVEL: 'info' });
  const services = server.site.services;
  const { page } = await aSpaceWithPage(services, 'BENCH');
  const attachment = await anAttachmentOf(services, page, { name: 'notes.txt', content: 'some notes' });
  await createUser(services, systemPrincipal, {
    username: 'reader',
    displayName: 'Bench Reader',
    email: 'reader@example.com',
    password: 'reader-password',
  });
  const { secret } = await createToken(services, systemPrincipal, { username: 'reader', name: 'bench' });
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'stop') server.close().then(() => process.disconnect());
  });
  process.send?.({
    type: 'ready',
    origin: originOf(server),
    token: secret,
    pageId: page.id,
    attachmentId: attachment.id,
  } satisfies ChildMessage);
}

async function serveHelloWorld(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', (message: ChildMessage) => {
    if (message.type === 'stop') app.close().then(() => process.disconnect());
  });
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
}

// ---------------------------------------------------------------------------------------------------------
// The parent: wrk, rounds and the report.

interface Run extends WrkRun {
  /** The server's CPU time (user + system, all its threads) per request answered. */
  cpuUsPerRequest: number;
}

async function wrk(pid: number, url: string, seconds: number, authorization?: string): Promise<Run> {
  const cpuBefore = await processCpuSeconds(pid);
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const run = await runWrk(url, { connections: 32, seconds, headers });
  const cpuUs = ((await processCpuSeconds(pid)) - cpuBefore) * 1e6;
  assert.ok(run.requestsPerSecond > 0 && run.p99Ms >= 0, `wrk printed no figures:\n${run.output}`);
  assert.equal(run.non2xx, 0, `${url} answered errors:\n${run.output}`);
  return { ...run, cpuUsPerRequest: cpuUs / Math.max(1, run.requests) };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rounds = quick ? 3 : 5;
  const seconds = quick ? 3 : 10;
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-request-path-'));
  const script = fileURLToPath(import.meta.url);
  const children = [
    startChild<ChildMessage>(script, ['--tributary', path.join(tmp, 'site')], { stdout: 'ignore' }),
    startChild<ChildMessage>(script, ['--hello']),
  ];
  try {
    const [tributary, hello] = await Promise.all(children.map((started) => started.next()));
    assert.ok(tributary?.type === 'ready' && hello?.type === 'ready');
    const { origin, token, pageId, attachmentId } = tributary;
    const [tributaryPid = 0, helloPid = 0] = children.map((started) => started.child.pid ?? 0);
    const bearer = `Bearer ${token}`;
    console.log(
      `tributary request-path bench${quick ? ' (--quick)' : ''}: ${rounds} rounds of ${seconds} s per target, ` +
        `wrk -t1 -c32; log level info to /dev/null; ${cpus().length} CPUs, Node ${process.version}`,
    );
    const targets = [
      { name: 'v2 GET /attachments/{id}', url: `${origin}/wiki/api/v2/attachments/${attachmentId}` },
      { name: 'v1 GET /content/{id} (attachment)', url: `${origin}/wiki/rest/api/content/${attachmentId}` },
      { name: 'v2 GET /pages/{id}', url: `${origin}/wiki/api/v2/pages/${pageId}` },
      { name: 'v1 GET /content/{id} (page)', url: `${origin}/wiki/rest/api/content/${pageId}` },
    ];
    // Untimed: both servers run optimised code before the first round.
    await wrk(helloPid, `${hello.origin}/`, 2);
    for (const target of targets) await wrk(tributaryPid, target.url, 2, bearer);

    const baseline: Run[] = [];
    const runs = targets.map((): Run[] => []);
    for (let round = 0; round < rounds; round++) {
      baseline.push(await wrk(helloPid, `${hello.origin}/`, seconds));
      for (const [index, target] of targets.entries()) {
        runs[index]?.push(await wrk(tributaryPid, target.url, seconds, bearer));
      }
      console.log(
        `round ${round + 1}: hello-world ${Math.round(baseline[round]?.requestsPerSecond ?? 0)} req/s; ` +
          targets
            .map(
              (target, index) => `${target.name} ${Math.round(runs[index]?.[round]?.requestsPerSecond ?? 0)}`,
            )
            .join('; '),
      );
    }

    // Server CPU per request depends less on the neighbours than rates do: it is the figure to compare
    // across runs on a busy machine.
    const cpuOf = (list: readonly Run[]) => Math.round(median(list.map((run) => run.cpuUsPerRequest)));
    console.log(
      `server CPU per request (median µs): hello-world ${cpuOf(baseline)}; ` +
        targets.map((target, index) => `${target.name} ${cpuOf(runs[index] ?? [])}`).join('; '),
    );
    const helloRate = median(baseline.map((run) => run.requestsPerSecond));
    const helloP99 = median(baseline.map((run) => run.p99Ms));
    const measures: Measure[] = targets.flatMap((target, index) => {
      const mine = runs[index] ?? [];
      const rateRatios = mine.map(
        (run, round) => run.requestsPerSecond / (baseline[round]?.requestsPerSecond ?? 1),
      );
      const p99Ratios = mine.map((run, round) => run.p99Ms / (baseline[round]?.p99Ms ?? 1));
      const rateRatio = median(rateRatios);
      const p99Ratio = median(p99Ratios);
      return [
        {
          name: `${target.name}, Bearer, 32 connections`,
          value: median(mine.map((run) => run.requestsPerSecond)),
          unit: 'req/s',
          baseline: { name: 'Fastify hello-world', value: helloRate, unit: 'req/s' },
          ratio: rateRatio,
          goal: '≥ 0.4',
          met: rateRatio >= 0.4,
          spread: `rounds ${spreadOf(rateRatios, 2)}`,
        },
        {
          name: `${target.name}, p99 latency`,
          value: median(mine.map((run) => run.p99Ms)),
          unit: 'ms',
          baseline: { name: 'Fastify hello-world', value: helloP99, unit: 'ms' },
          ratio: p99Ratio,
          goal: '≤ 3',
          met: p99Ratio <= 3,
          spread: `rounds ${spreadOf(p99Ratios, 1)}`,
        },
      ];
    });
    report('GET metadata, Bearer (request path)', measures);
  } finally {
    await Promise.all(children.map((started) => stopChild(started.child)));
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--tributary') await serveTributary(process.argv[3] ?? '');
else if (process.argv[2] === '--hello') await serveHelloWorld();
else await main();
