/**
 * Responsiveness under load (issue 21, item 5): small GETs while 16 large uploads run, and the server's
 * memory before, during and after them.
 *
 *   node --import tsx bench/loaded-latency.ts [--quick]
 *
 * Three processes, so no client's work is counted against the server: the server (this file with
 * `--serve`, log level silent, its event-loop delay histogram read over IPC), the load (this file with
 * `--load`: 16 concurrent multipart uploads of 256 MiB, 64 MiB with `--quick`, each of new bytes), and this
 * one, which sends one small GET at a time, `/status` and a v1 attachment's metadata by turns, 5 ms apart,
 * first with the server idle (the baseline) and then during the load. Resident memory (VmRSS) is read
 * before the load, every 50 ms during it, and for 20 s after it (15 s with `--quick`).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type FromServer, generateFile, MiB, serveTributary, type ToServer } from './support/big-uploads.ts';
import { adminAuthorization, agent, createPage, exchange, json, upload } from './support/http-client.ts';
import { mainThreadCpuSeconds, residentRss } from './support/processes.ts';
import { report } from './support/report.ts';
import { startChild, stopChild } from './support/server-child.ts';

const UPLOADS = 16;
const here = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------------------
// The load: `count` concurrent uploads of the file, each with its own first bytes.

async function load(origin: string, pageId: string, file: string, sizeBytes: number, count: number) {
  const uploadAgent = new http.Agent({ keepAlive: false, maxSockets: count });
  await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const boundary = `tributary-bench-${n}-${Date.now()}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="load-${n}.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const request = http.request(`${origin}/rest/api/content/${pageId}/child/attachment`, {
        method: 'POST',
        agent: uploadAgent,
        headers: {
          authorization: adminAuthorization,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + sizeBytes + tail.length,
          'x-atlassian-token': 'no-check',
        },
      });
      const answered = once(request, 'response') as Promise<[http.IncomingMessage]>;
      request.write(head);
      let first = true;
      for await (const chunk of createReadStream(file, { highWaterMark: MiB })) {
        const bytes = chunk as Buffer;
        // New bytes per upload: identical files would share one blob and skip each other's fsync.
        if (first) bytes.writeUInt32BE(n, 0);
        first = false;
        if (!request.write(bytes)) await once(request, 'drain');
      }
      request.end(tail);
      const [response] = await answered;
      response.resume();
      await once(response, 'end');
      assert.equal(response.statusCode, 200, `upload ${n}`);
    }),
  );
  uploadAgent.destroy();
}

// ---------------------------------------------------------------------------------------------------------
// The probe and the report.

type Probe = { status: number[]; metadata: number[] };

/** One small GET at a time, by turns, `gapMs` apart, until `until` says stop; latencies in ms. */
async function probe(origin: string, attachmentId: string, until: () => boolean, gapMs: number) {
  const latencies: Probe = { status: [], metadata: [] };
  for (let n = 0; !until(); n += 1) {
    const isStatus = n % 2 === 0;
    const started = performance.now();
    const reply = await exchange(
      isStatus ? `${origin}/status` : `${origin}/rest/api/content/${attachmentId}`,
      'GET',
      {},
    );
    const ms = performance.now() - started;
    assert.equal(reply.status, 200, reply.body.toString().slice(0, 200));
    (isStatus ? latencies.status : latencies.metadata).push(ms);
    await sleep(gapMs);
  }
  return latencies;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function bench(quick: boolean): Promise<void> {
  const fileBytes = (quick ? 64 : 256) * MiB;
  const settleMs = quick ? 15_000 : 20_000;
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-loaded-latency-'));
  let server: ChildProcess | undefined;
  let loader: ChildProcess | undefined;
  try {
    const file = path.join(tmp, 'load.bin');
    await generateFile(file, fileBytes);
    console.log(
      `loaded-latency bench${quick ? ' (--quick)' : ''}: ${UPLOADS} × ${fileBytes / MiB} MiB uploads; ` +
        `${cpus().length} CPUs, Node ${process.version}`,
    );
    const started = startChild<FromServer>(here, ['--serve', path.join(tmp, 'site')]);
    server = started.child;
    const ready = await started.next();
    if (ready.type !== 'ready') throw new Error('the server did not start');
    const { origin } = ready;
    const serverPid = server.pid ?? 0;
    const ask = async (message: ToServer) => {
      (server as ChildProcess).send(message);
      if (message.type !== 'loop-delay') return undefined;
      const reply = await started.next();
      assert.equal(reply.type, 'loop-delay');
      return reply.type === 'loop-delay' ? reply : undefined;
    };

    await json(`${origin}/rest/api/space`, 'POST', { key: 'LOAD', name: 'Load' });
    const pageId = await createPage(origin, 'LOAD', 'Loaded');
    const small = await upload(origin, pageId, 'small.txt', Buffer.from('small\n'));

    // Idle: warm the probe's paths up, then the baseline, then the memory the load starts from.
    let stopIdle = false;
    const warm = probe(origin, small.id, () => stopIdle, 5);
    await sleep(3_000);
    stopIdle = true;
    await warm;
    let stopBaseline = false;
    const baselineRun = probe(origin, small.id, () => stopBaseline, 5);
    await sleep(3_000);
    stopBaseline = true;
    const baseline = await baselineRun;
    await sleep(1_000);
    const rssBefore = await residentRss(serverPid);

    // The load, watched.
    await ask({ type: 'loop-delay-reset' });
    loader = fork(here, ['--load', origin, pageId, file, String(fileBytes), String(UPLOADS)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let loading = true;
    const loaded = once(loader, 'exit').then(([code]) => {
      loading = false;
      assert.equal(code, 0, 'every upload succeeded');
    });
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      residentRss(serverPid).then(
        (rss) => {
          rssPeak = Math.max(rssPeak, rss);
        },
        () => undefined,
      );
    }, 50);
    const cpuBefore = await mainThreadCpuSeconds(serverPid);
    const loadStarted = performance.now();
    const underLoad = await probe(origin, small.id, () => !loading, 5);
    await loaded;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const cpuPerGiB =
      ((await mainThreadCpuSeconds(serverPid)) - cpuBefore) / ((UPLOADS * fileBytes) / 1024 / MiB);
    clearInterval(sampler);
    const loopDelay = await ask({ type: 'loop-delay' });

    // After: memory as it settles.
    const mib = (bytes: number) => bytes / MiB;
    const rssAfter: number[] = [];
    for (let waited = 0; waited < settleMs; waited += 1_000) {
      await sleep(1_000);
      rssAfter.push(await residentRss(serverPid));
    }
    const rssEnd = rssAfter.at(-1) ?? 0;
    const memoryAfter = (await ask({ type: 'loop-delay' }))?.memory;
    const heap = (memory: NodeJS.MemoryUsage | undefined) =>
      memory
        ? `heap ${mib(memory.heapUsed).toFixed(0)}/${mib(memory.heapTotal).toFixed(0)} MiB, ` +
          `array buffers ${mib(memory.arrayBuffers).toFixed(0)} MiB, external ${mib(memory.external).toFixed(0)} MiB`
        : '';
    console.log(
      `server memory at the end of the load: ${heap(loopDelay?.memory)}; after it: ${heap(memoryAfter)}`,
    );

    const all = [...underLoad.status, ...underLoad.metadata];
    const row = (name: string, loaded: number[], idleValues: number[]) => ({
      name: `${name} during ${UPLOADS} × ${fileBytes / MiB} MiB uploads, p99`,
      value: percentile(loaded, 99),
      unit: 'ms',
      baseline: { name: 'idle p99', value: percentile(idleValues, 99), unit: 'ms' },
      goal: '≤ 20 ms',
      met: percentile(loaded, 99) <= 20,
      spread: `p50 ${percentile(loaded, 50).toFixed(1)}, max ${Math.max(...loaded).toFixed(0)} ms, ${loaded.length} requests`,
    });
    console.log(
      `the load: ${loadSeconds.toFixed(1)} s (${((UPLOADS * fileBytes) / MiB / loadSeconds).toFixed(0)} MiB/s in all); ` +
        `RSS after it, each second: ${rssAfter.map((rss) => mib(rss).toFixed(0)).join(', ')} MiB`,
    );
    report(`Responsiveness under load: ${UPLOADS} × ${fileBytes / MiB} MiB uploads`, [
      row('GET /status', underLoad.status, baseline.status),
      row('GET an attachment (v1, Basic)', underLoad.metadata, baseline.metadata),
      {
        name: 'server event-loop delay during the uploads, p99',
        value: loopDelay?.p99Ms ?? 0,
        unit: 'ms',
        goal: '(informative)',
        met: true,
        spread: `p50 ${(loopDelay?.p50Ms ?? 0).toFixed(1)}, max ${(loopDelay?.maxMs ?? 0).toFixed(0)} ms; all GETs' max ${Math.max(...all).toFixed(0)} ms`,
      },
      {
        name: 'server main-thread CPU per GiB uploaded (the probes included)',
        value: cpuPerGiB,
        unit: 's',
        goal: '(informative)',
        met: true,
      },
      {
        name: `server RSS ${settleMs / 1000} s after the uploads`,
        value: mib(rssEnd),
        unit: 'MiB',
        baseline: { name: 'before them', value: mib(rssBefore), unit: 'MiB' },
        ratio: rssEnd / rssBefore,
        goal: '≤ before + 32 MiB',
        met: rssEnd <= rssBefore + 32 * MiB,
        spread: `peak ${mib(rssPeak).toFixed(0)} MiB`,
      },
    ]);
  } finally {
    if (loader && loader.exitCode === null) loader.kill();
    await stopChild(server);
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') await serveTributary(process.argv[3] ?? '');
else if (process.argv[2] === '--load') {
  const [, , , origin = '', pageId = '', file = '', sizeBytes = '0', count = '0'] = process.argv;
  await load(origin, pageId, file, Number(sizeBytes), Number(count));
} else await bench(process.argv.includes('--quick'));
