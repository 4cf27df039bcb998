/**
 * Attachment throughput, server memory and listing cost, each against a baseline measured in the same run
 * (issue 4, item 12).
 *
 *   node --import tsx bench/attachments.ts [--quick]
 *
 * Full: a 1 GiB file, a page with 100,000 attachments, 4,000 small uploads. `--quick`: 64 MiB, 10,000
 * and 500, for a fast check. Everything lives in a temp dir that is removed at the end.
 *
 * The server runs in a child process (this file with `--serve`), so the client's buffers and the baseline
 * copies never count towards its memory, which is read from /proc/<pid>/status (VmHWM after resetting it
 * through /proc/<pid>/clear_refs, and VmRSS sampled every 10 ms). The child also serves the baseline
 * download: a bare `http.createServer` answering with `fs.createReadStream` of the same file.
 *
 *   (a) upload: the file streamed from disk as multipart over HTTP, vs two plain copies of the same file:
 *       `fs.copyFile` (in the kernel) and a stream copy (read and write through 1 MiB buffers, as a Node
 *       program copies), each followed by fsync: the server fsyncs before it answers, so an unsynced copy
 *       would time the page cache, not the disk
 *   (b) download: `_links.download` of that attachment vs the bare server
 *   (c) server RSS growth during the big upload (peak during it minus resident just before it)
 *   (d) first vs last page of a page with N attachments (seeded through the metadata store in batched
 *       transactions, sharing one tiny blob): v1 `start`/`limit` and v2 cursors (`_links.next` walked to
 *       the end); median over rounds, full pages only
 *   (e) 1 KiB uploads per second from 16 concurrent clients, each upload a new attachment of new bytes,
 *       timed after 1,000 untimed ones (200 with --quick) so the server runs optimised code, as it would
 *       after its first minute of work
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './support/bench-server.ts';
import { fsyncFile, generateFile } from './support/big-uploads.ts';
import {
  adminAuthorization,
  agent,
  createPage,
  json,
  lastOverFirst,
  measureListing,
  timed,
  upload,
  uploadSmallFiles,
} from './support/http-client.ts';
import {
  type SeedReply,
  type SeedRequest,
  serveParent,
  startChild,
  stopChild,
} from './support/server-child.ts';
import { median } from './support/stats.ts';

const MiB = 1024 * 1024;

type ParentMessage = SeedRequest | { type: 'stop' };
type ChildMessage = { type: 'ready'; origin: string; baselineOrigin: string } | SeedReply;

// ---------------------------------------------------------------------------------------------------------
// The child: the real server, the baseline file server, and seeding through the metadata store.

async function serve(dataDir: string, baselineFile: string): Promise<void> {
  const server = await startBenchServer(dataDir, { TRIBUTARY_MAX_ATTACHMENT_SIZE: '2GiB' });
  const { size } = await stat(baselineFile);
  const baseline = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    createReadStream(baselineFile).pipe(response);
  });
  baseline.listen(0, '127.0.0.1');
  await once(baseline, 'listening');
  const { port } = baseline.address() as AddressInfo;
  serveParent(server, { baselineOrigin: `http://127.0.0.1:${port}` }, () => baseline.close());
}

// ---------------------------------------------------------------------------------------------------------
// The parent: the client, the baselines and the report.

/** Reads a download to its end without keeping it; returns its length and ETag. */
async function drain(url: string): Promise<{ bytes: number; etag: string | undefined }> {
  const request = http.get(url, { agent, headers: { authorization: adminAuthorization } });
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  assert.equal(response.statusCode, 200, `GET ${url}`);
  let bytes = 0;
  for await (const chunk of response) bytes += (chunk as Buffer).length;
  return { bytes, etag: response.headers.etag };
}

/** Writes every dirty page back (sync(1)), so the next measurement starts from a quiet disk. */
/**
 * Readies the machine for a timed write of `sizeBytes`: dirty pages are flushed, so no writer pays for the
 * writeback of the one before, and as many bytes are written to a scratch file and removed, so the page
 * cache has that much recently used memory to hand out. On a virtual machine, memory the guest has never
 * touched costs a trip to the host on first use: writing into it measured 450 MB/s, into reused pages
 * 6 GB/s. Without this, whichever writer happened to get fresh memory lost, baseline or Tributary alike.
 */
async function settleDisk(scratch: string, sizeBytes: number): Promise<void> {
  const zeros = Buffer.alloc(MiB);
  const handle = await open(scratch, 'w');
  try {
    for (let written = 0; written < sizeBytes; written += MiB) await handle.write(zeros);
  } finally {
    await handle.close();
  }
  await rm(scratch);
  execFileSync('sync');
}

/** `VmRSS` and `VmHWM` of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Runs `work` while watching the process's resident memory; returns the peak growth over the start. */
async function rssGrowthDuring<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ growth: number; result: T }> {
  // Writing 5 resets VmHWM to the current RSS (proc(5)); sampling covers kernels that refuse it.
  const resetPeak = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
  const before = (await memoryOf(pid)).rss;
  let peak = before;
  const sampler = setInterval(() => {
    memoryOf(pid).then(
      ({ rss }) => {
        peak = Math.max(peak, rss);
      },
      () => undefined,
    );
  }, 10);
  try {
    const result = await work();
    const after = await memoryOf(pid);
    peak = Math.max(peak, after.rss, resetPeak ? after.hwm : 0);
    return { growth: peak - before, result };
  } finally {
    clearInterval(sampler);
  }
}

async function bench(quick: boolean): Promise<void> {
  const fileBytes = quick ? 64 * MiB : 1024 * MiB;
  const attachmentCount = quick ? 10_000 : 100_000;
  const smallUploads = quick ? 500 : 4_000;
  // Steady state, not start-up: the first few hundred requests of a fresh process run unoptimised code.
  const smallWarmUps = quick ? 200 : 1_000;
  const rounds = quick ? 3 : 5;
  const listLimit = 200;
  const listRounds = 10;
  const sampledPages = 5;
  const concurrency = 16;

  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-attachments-'));
  let child: ChildProcess | undefined;
  try {
    const bigFile = path.join(tmp, 'big.bin');
    const generated = await timed(() => generateFile(bigFile, fileBytes));
    const sha256 = generated.result;
    const sizeLabel = fileBytes >= 1024 * MiB ? `${fileBytes / 1024 / MiB} GiB` : `${fileBytes / MiB} MiB`;
    console.log(
      `tributary attachment bench${quick ? ' (--quick)' : ''}: ${sizeLabel} file, ${attachmentCount} attachments, ` +
        `${smallUploads} small uploads; ${cpus().length} CPUs, Node ${process.version}`,
    );
    console.log(`generated the ${sizeLabel} file in ${(generated.ms / 1000).toFixed(1)} s`);

    const started = startChild<ChildMessage>(fileURLToPath(import.meta.url), [
      '--serve',
      path.join(tmp, 'site'),
      bigFile,
    ]);
    child = started.child;
    const ready = await started.next();
    assert.equal(ready.type, 'ready');
    if (ready.type !== 'ready') return;
    const { origin, baselineOrigin } = ready;
    const serverPid = child.pid ?? 0;

    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const aPage = (title: string) => createPage(origin, 'BENCH', title);

    // (a) and (c): rounds alternate the copies and the upload, so drift in disk or CPU hits all alike; each
    // starts from a settled disk and warm memory (settleDisk).
    const bigPage = await aPage('Big files');
    const copyMs: number[] = [];
    const streamCopyMs: number[] = [];
    const uploadMs: number[] = [];
    const growths: number[] = [];
    let download = '';
    const copy = path.join(tmp, 'copy.bin');
    const scratch = path.join(tmp, 'scratch.bin');
    for (let round = 0; round < rounds; round += 1) {
      await settleDisk(scratch, fileBytes);
      copyMs.push((await timed(() => copyFile(bigFile, copy).then(() => fsyncFile(copy)))).ms);
      await rm(copy);
      await settleDisk(scratch, fileBytes);
      streamCopyMs.push(
        (
          await timed(async () => {
            await pipeline(createReadStream(bigFile, { highWaterMark: MiB }), createWriteStream(copy));
            await fsyncFile(copy);
          })
        ).ms,
      );
      await rm(copy);
      await settleDisk(scratch, fileBytes);
      const measured = await rssGrowthDuring(serverPid, () =>
        timed(() => upload(origin, bigPage, `big-${round}.bin`, { path: bigFile, sizeBytes: fileBytes })),
      );
      uploadMs.push(measured.result.ms);
      growths.push(measured.growth);
      download = measured.result.result._links.download;
    }

    // (b): one warm-up each, then alternating rounds.
    const tributaryDownload = `${origin}${download}`;
    const check = (got: { bytes: number; etag: string | undefined }) =>
      assert.equal(got.bytes, fileBytes, 'the whole file came back');
    const first = await drain(tributaryDownload);
    check(first);
    assert.equal(first.etag, `"${sha256}"`, 'the stored bytes hash to what was uploaded');
    check(await drain(baselineOrigin));
    const downloadMs: number[] = [];
    const bareMs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const bare = await timed(() => drain(baselineOrigin));
      check(bare.result);
      bareMs.push(bare.ms);
      const ours = await timed(() => drain(tributaryDownload));
      check(ours.result);
      downloadMs.push(ours.ms);
    }

    // (d): a page with `attachmentCount` attachments; one real upload makes the blob the rest share.
    const listPage = await aPage('Many attachments');
    const template = await upload(origin, listPage, 'template.txt', Buffer.from('tiny\n'));
    child.send({
      type: 'seed',
      pageId: Number(listPage),
      templateId: Number(template.id),
      count: attachmentCount - 1,
    } satisfies ParentMessage);
    const seeded = await started.next();
    if (seeded.type !== 'seeded') throw new Error(`seeding failed: ${JSON.stringify(seeded)}`);
    console.log(
      `seeded ${attachmentCount - 1} attachments through the store in ${seeded.seconds.toFixed(1)} s`,
    );

    const listMs = await measureListing(origin, listPage, attachmentCount, {
      limit: listLimit,
      rounds: listRounds,
      sampled: sampledPages,
    });

    // (e): 16 clients, each taking the next number until all are done; every file is new bytes. The same
    // load warms the server up first, on the same page, untimed.
    const smallPage = await aPage('Small files');
    await uploadSmallFiles([origin], [smallPage], 'warm', smallWarmUps, concurrency);
    const small = await timed(() =>
      uploadSmallFiles([origin], [smallPage], 'small', smallUploads, concurrency),
    );

    // The report.
    const mibPerS = (ms: number) => fileBytes / MiB / (ms / 1000);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const upRatio = mibPerS(median(uploadMs)) / mibPerS(median(copyMs));
    const upStreamRatio = mibPerS(median(uploadMs)) / mibPerS(median(streamCopyMs));
    const downRatio = mibPerS(median(downloadMs)) / mibPerS(median(bareMs));
    const growth = Math.max(...growths);
    const offsetRatio = lastOverFirst(listMs.offsetLast, listMs.offsetFirst);
    const cursorRatio = lastOverFirst(listMs.cursorLast, listMs.cursorFirst);
    const perSecond = smallUploads / (small.ms / 1000);
    const figure = (n: number) => n.toFixed(1).padStart(8);

    console.log(`\nmedian of ${rounds} rounds; MiB/s of the ${sizeLabel} file`);
    console.log(
      `(a) upload    tributary ${figure(mibPerS(median(uploadMs)))}  copyFile+fsync ${figure(mibPerS(median(copyMs)))}` +
        `  ratio ${upRatio.toFixed(2)}  (target >= 0.70: ${verdict(upRatio >= 0.7)})`,
    );
    console.log(
      `                                 stream copy+fsync ${figure(mibPerS(median(streamCopyMs)))}` +
        `  ratio ${upStreamRatio.toFixed(2)}  (target >= 0.70: ${verdict(upStreamRatio >= 0.7)})`,
    );
    const eachRound = (ms: number[]) => ms.map((one) => mibPerS(one).toFixed(0)).join(', ');
    console.log(
      `    rounds, MiB/s: tributary ${eachRound(uploadMs)}; copyFile ${eachRound(copyMs)}; ` +
        `stream copy ${eachRound(streamCopyMs)}`,
    );
    console.log(
      `(b) download  tributary ${figure(mibPerS(median(downloadMs)))}  bare node http ${figure(mibPerS(median(bareMs)))}` +
        `  ratio ${downRatio.toFixed(2)}  (target >= 0.70: ${verdict(downRatio >= 0.7)})`,
    );
    console.log(
      `(c) server RSS growth during the upload: ${(growth / MiB).toFixed(1)} MiB at most ` +
        `(rounds: ${growths.map((g) => (g / MiB).toFixed(1)).join(', ')} MiB; target < 100: ${verdict(growth < 100 * MiB)})`,
    );
    console.log(
      `(d) ${attachmentCount} attachments, ${listLimit} a page; median ms over the first and last ${sampledPages} full pages, ${listRounds} rounds`,
    );
    console.log(
      `    v1 start/limit   first ${figure(median(listMs.offsetFirst))}  last ${figure(median(listMs.offsetLast))}` +
        `  last/first ${offsetRatio.toFixed(2)}  (target <= 2: ${verdict(offsetRatio <= 2)})`,
    );
    console.log(
      `    v2 cursor        first ${figure(median(listMs.cursorFirst))}  last ${figure(median(listMs.cursorLast))}` +
        `  last/first ${cursorRatio.toFixed(2)}  (target <= 2: ${verdict(cursorRatio <= 2)})`,
    );
    console.log(
      `    (the v2 walk followed ${listMs.cursorPages} pages in ${(listMs.walkMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `(e) ${smallUploads} uploads of 1 KiB after ${smallWarmUps} to warm up, ${concurrency} clients: ` +
        `${perSecond.toFixed(0)} uploads/s ` +
        `in ${(small.ms / 1000).toFixed(1)} s  (target >= 500: ${verdict(perSecond >= 500)})`,
    );
  } finally {
    await stopChild(child);
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

// Last, so every module-level binding above is initialised before either role runs.
if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  await bench(process.argv.includes('--quick'));
}
