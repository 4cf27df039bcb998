/**
 * Download throughput of one big attachment, against nginx serving the same blob file in the same run
 * (issue 21, item 3).
 *
 *   node --import tsx bench/downloads.ts [--quick]
 *
 * A 1 GiB file (256 MiB with `--quick`) is uploaded once; then, in rounds that take the three in turn
 * (rotating who goes first, so the machine's swings hit all alike), curl downloads it from
 *   (a) nginx alone, `sendfile on`, serving the blob file as a static file: the baseline
 *   (b) Tributary sending the bytes itself (TRIBUTARY_DOWNLOAD_OFFLOAD=off, the default)
 *   (c) Tributary behind that nginx with TRIBUTARY_DOWNLOAD_OFFLOAD=x-accel-redirect: Tributary checks the
 *       request and sets the headers, nginx sends the file (docs/download-offload.md)
 * MB/s (10^6 bytes) medians over the rounds, the spread, and (b) and (c) over (a). curl is the client so
 * that the client is never the slower end. Both Tributary servers run in one child process (this file
 * with `--serve`) on one site; the child's CPU time per GiB sent in-process is printed as well, a figure
 * that busy neighbours move much less than the MB/s.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNginx } from '../test/support/nginx.ts';
import { originOf, startBenchServer } from './support/bench-server.ts';
import { generateFile } from './support/big-uploads.ts';
import { agent, benchAdminPassword, createPage, json, upload } from './support/http-client.ts';
import { processCpuSeconds } from './support/processes.ts';
import { type Measure, report } from './support/report.ts';
import { startChild, stopChild } from './support/server-child.ts';
import { median, spreadOf } from './support/stats.ts';

const MiB = 1024 * 1024;
const prefix = '/_tributary_blobs/';

type ParentMessage = { type: 'stop' };
type ChildMessage = { type: 'ready'; origin: string; offloadOrigin: string };

// ---------------------------------------------------------------------------------------------------------
// The child: one site, served twice, sending the bytes itself and handing them to nginx.

async function serve(dataDir: string): Promise<void> {
  const serving = (offload: string) =>
    startBenchServer(dataDir, { TRIBUTARY_MAX_ATTACHMENT_SIZE: '2GiB', TRIBUTARY_DOWNLOAD_OFFLOAD: offload });
  const inProcess = await serving('off');
  const offloading = await serving('x-accel-redirect');
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      Promise.all([offloading.close(), inProcess.close()]).then(() => process.disconnect());
    }
  });
  process.send?.({
    type: 'ready',
    origin: originOf(inProcess),
    offloadOrigin: originOf(offloading),
  } satisfies ChildMessage);
}

// ---------------------------------------------------------------------------------------------------------
// The parent: the file, nginx, curl and the report.

const run = promisify(execFile);

/** Downloads `url` with curl to nowhere; returns MB/s as curl measured it and the bytes received. */
async function curlDownload(url: string): Promise<{ mbPerS: number; bytes: number }> {
  const { stdout } = await run('curl', [
    '--silent',
    '--show-error',
    '--fail',
    '--user',
    `admin:${benchAdminPassword}`,
    '--output',
    '/dev/null',
    '--write-out',
    '%{speed_download} %{size_download}',
    url,
  ]);
  const [speed = '0', size = '0'] = stdout.trim().split(' ');
  return { mbPerS: Number(speed) / 1e6, bytes: Number(size) };
}

async function bench(quick: boolean): Promise<void> {
  const fileBytes = quick ? 256 * MiB : 1024 * MiB;
  const rounds = quick ? 3 : 5;
  const sizeLabel = quick ? '256 MiB' : '1 GiB';
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-downloads-'));
  let child: ChildProcess | undefined;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    console.log(
      `tributary download bench${quick ? ' (--quick)' : ''}: ${sizeLabel}, ${rounds} rounds; ` +
        `${cpus().length} CPUs, Node ${process.version}`,
    );
    const bigFile = path.join(tmp, 'big.bin');
    const sha256 = await generateFile(bigFile, fileBytes);
    const dataDir = path.join(tmp, 'site');
    const started = startChild<ChildMessage>(fileURLToPath(import.meta.url), ['--serve', dataDir]);
    child = started.child;
    const { origin, offloadOrigin } = await started.next();
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const pageId = await createPage(origin, 'BENCH', 'Downloads');
    const attachment = await upload(origin, pageId, 'big.bin', { path: bigFile, sizeBytes: fileBytes });
    await rm(bigFile);
    const blobDir = path.join(dataDir, 'blobs');
    nginx = await startNginx({
      upstream: offloadOrigin,
      blobDir,
      prefix,
      staticFile: path.join(blobDir, sha256.slice(0, 2), sha256),
    });
    const link = attachment._links.download;
    const targets = {
      nginx: `${nginx.url}/static`,
      inProcess: `${origin}${link}`,
      offloaded: `${nginx.url}${link}`,
    };
    const names = Object.keys(targets) as (keyof typeof targets)[];
    const mbPerS: Record<keyof typeof targets, number[]> = { nginx: [], inProcess: [], offloaded: [] };
    const cpuPerGiB: number[] = [];
    const serverPid = child.pid ?? 0;
    // One untimed download each: the page cache holds the file, and every path runs warm code.
    for (const name of names) assert.equal((await curlDownload(targets[name])).bytes, fileBytes, name);
    for (let round = 0; round < rounds; round += 1) {
      for (let turn = 0; turn < names.length; turn += 1) {
        const name = names[(round + turn) % names.length] as keyof typeof targets;
        const cpuBefore = await processCpuSeconds(serverPid);
        const got = await curlDownload(targets[name]);
        assert.equal(got.bytes, fileBytes, `${name} sent the whole file`);
        mbPerS[name].push(got.mbPerS);
        if (name === 'inProcess') {
          cpuPerGiB.push(((await processCpuSeconds(serverPid)) - cpuBefore) / (fileBytes / 1024 / MiB));
        }
      }
    }
    const nginxMbPerS = median(mbPerS.nginx);
    const measure = (name: keyof typeof targets, title: string, goal: number): Measure => {
      const ratios = mbPerS[name].map((value, round) => value / (mbPerS.nginx[round] ?? value));
      const ratio = median(mbPerS[name]) / nginxMbPerS;
      return {
        name: title,
        value: median(mbPerS[name]),
        unit: 'MB/s',
        baseline: { name: 'nginx sendfile', value: nginxMbPerS, unit: 'MB/s' },
        ratio,
        goal: `≥ ${goal}× nginx`,
        met: ratio >= goal,
        spread: `rounds ${spreadOf(mbPerS[name])} MB/s; ratio ${spreadOf(ratios, 2)}`,
      };
    };
    console.log(
      `nginx alone: rounds ${spreadOf(mbPerS.nginx)} MB/s; Tributary in-process: ` +
        `${median(cpuPerGiB).toFixed(2)} CPU s per GiB (${spreadOf(cpuPerGiB, 2)})`,
    );
    report('Downloads (issue 21, item 3)', [
      measure('inProcess', `GET a ${sizeLabel} attachment, Tributary sends it`, 0.6),
      measure('offloaded', `GET a ${sizeLabel} attachment behind nginx, X-Accel-Redirect`, 0.9),
    ]);
  } finally {
    await nginx?.stop();
    await stopChild(child);
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

// Last, so every module-level binding above is initialised before either role runs.
if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '');
} else {
  await bench(process.argv.includes('--quick'));
}
