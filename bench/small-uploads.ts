/**
 * Small uploads at the disk's pace (issue 21, item 2): 1 KiB uploads per second from 16 concurrent clients,
 * each a new attachment of new bytes (a multipart POST to v1 `child/attachment`), against a bare Node HTTP
 * server that writes each request body to a file of its own and fsyncs it, measured in the same run.
 *
 *   node --import tsx bench/small-uploads.ts [--quick] [--cpu-prof]
 *
 * Both servers run in child processes (this file with `--serve`), so the client's CPU never counts as
 * theirs; both are warmed up first (the first few hundred requests of a fresh process run unoptimised
 * code), then timed in interleaved rounds so a busy neighbour slows both alike. `--cpu-prof` writes a CPU
 * profile of Tributary's process to the current directory when it stops.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './support/bench-server.ts';
import { agent, createPage, json, timed, uploadSmallFiles } from './support/http-client.ts';
import { report } from './support/report.ts';
import { serveParent, startChild, stopChild } from './support/server-child.ts';
import { median } from './support/stats.ts';

type ChildMessage = { type: 'ready'; origin: string };

/** The real server, as `tributary serve` runs it, over a fresh data dir. */
async function serveTributary(dataDir: string): Promise<void> {
  serveParent(await startBenchServer(dataDir));
}

/**
 * The disk's pace for the same requests: each body, multipart framing and all, into a new file, fsynced
 * before the answer, which has the shape the client reads (one result).
 */
async function serveBaseline(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  let n = 0;
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const file = await open(path.join(dir, String(n++)), 'wx');
    try {
      await file.write(Buffer.concat(chunks));
      await file.sync();
    } finally {
      await file.close();
    }
    const body = JSON.stringify({ results: [{ id: String(n), _links: { download: '' } }] });
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.on('message', () => {
    server.close();
    server.closeAllConnections();
    process.disconnect();
  });
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function started(kind: 'tributary' | 'baseline', dir: string, execArgv: string[] = []) {
  const child = startChild<ChildMessage>(fileURLToPath(import.meta.url), ['--serve', kind, dir], {
    execArgv,
  });
  const ready = await child.next();
  assert.equal(ready.type, 'ready');
  return { child: child.child, origin: ready.origin };
}

async function bench(quick: boolean, cpuProfile: boolean): Promise<void> {
  const clients = 16;
  const warmUps = quick ? 300 : 1_500;
  const perRound = quick ? 400 : 2_000;
  const rounds = quick ? 3 : 5;
  console.log(
    `small uploads bench${quick ? ' (--quick)' : ''}: 1 KiB uploads, ${clients} clients, ${rounds} rounds of ` +
      `${perRound} after ${warmUps} to warm up; ${cpus().length} CPUs, Node ${process.version}`,
  );
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-small-uploads-'));
  const children: ChildProcess[] = [];
  try {
    const tributary = await started(
      'tributary',
      path.join(tmp, 'site'),
      cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}`] : [],
    );
    children.push(tributary.child);
    const baseline = await started('baseline', path.join(tmp, 'baseline'));
    children.push(baseline.child);

    await json(`${tributary.origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const page = await createPage(tributary.origin, 'BENCH', 'Small files');
    const rate = async (origin: string, prefix: string) => {
      const { ms } = await timed(() => uploadSmallFiles([origin], [page], prefix, perRound, clients));
      return perRound / (ms / 1000);
    };

    await uploadSmallFiles([tributary.origin], [page], 'warm', warmUps, clients);
    await uploadSmallFiles([baseline.origin], [page], 'warm', warmUps, clients);
    const ours: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternating which goes first, so neither always follows the other's writeback.
      const first = round % 2 === 0;
      if (first) ours.push(await rate(tributary.origin, `r${round}`));
      bare.push(await rate(baseline.origin, `r${round}`));
      if (!first) ours.push(await rate(tributary.origin, `r${round}`));
      console.log(
        `round ${round + 1}: tributary ${Math.round(ours[round] ?? 0)}/s, bare write+fsync ` +
          `${Math.round(bare[round] ?? 0)}/s`,
      );
    }

    const ratios = ours.map((value, round) => value / (bare[round] ?? 1));
    const ratio = median(ours) / median(bare);
    const spread = `rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    report('Small uploads', [
      {
        name: `1 KiB uploads, new attachment each, v1 POST, ${clients} clients`,
        value: median(ours),
        unit: 'uploads/s',
        baseline: { name: 'bare HTTP write+fsync', value: median(bare), unit: 'uploads/s' },
        ratio,
        goal: '≥ 0.7 and ≥ 1,000/s',
        met: ratio >= 0.7 && median(ours) >= 1_000,
        spread,
      },
    ]);
  } finally {
    agent.destroy();
    for (const child of children) await stopChild(child);
    await rm(tmp, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--serve') {
  const [, kind, dir] = args;
  await (kind === 'tributary' ? serveTributary(dir ?? '') : serveBaseline(dir ?? ''));
} else {
  await bench(args.includes('--quick'), args.includes('--cpu-prof'));
}
