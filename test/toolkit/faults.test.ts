/**
 * The toolkit against a real server that fails on demand (test mode's faults, docs/testing.md): 429
 * bursts, 503s, connections cut mid-download, an upload failed before its commit. The server dying
 * mid-run cannot be made by the server itself: for that the fault proxy stands in front of it, and the
 * server comes back on the same data for a re-run that finishes the job.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { anUpload } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, connectionArgs, isolateEnvironment, jsonOf, tributary } from './toolkit-support.ts';

interface Report {
  summary: { done: number; skipped: number; failed: number };
  items: Array<{ outcome: string; detail: string; title?: string; name?: string }>;
}

const downloadPath = /\/child\/attachment\/att\d+\/download/;
const faults = '/rest/tributary/1.0/faults';
// Test mode over the suite's own throwaway database and bucket, whichever the environment chose.
const testMode = { TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' };

describe('the toolkit when things go wrong', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let proxy: FaultProxy;
  /** Through the proxy, for the runs during which the server dies. */
  let args: string[];
  /** Straight to the server, whose own fault rules apply. */
  let direct: string[];
  let pageId: string;
  const small = new Map<string, Buffer>();
  const big = randomBytes(1024 * 1024 + 5);

  const workDir = (name: string) => path.join(environment.workDir(), name);
  async function addFault(rule: Record<string, unknown>) {
    const answer = await site.request('POST', faults, { json: rule });
    assert.equal(answer.status, 201, answer.text);
  }
  async function clearFaults() {
    assert.equal((await site.request('DELETE', faults)).status, 204);
  }
  /** How many requests each rule has hit, in the order the rules were added. */
  async function injectedCounts() {
    const { results } = (await site.request('GET', faults)).body as { results: Array<{ injected: number }> };
    return results.map((rule) => rule.injected);
  }
  /** Every file in a page folder that has its final name must hold exactly the attachment's bytes. */
  async function assertNoTruncatedFile(dir: string) {
    const names = await readdir(path.join(dir, pageId)).catch(() => [] as string[]);
    for (const name of names.filter((entry) => !entry.endsWith('.part'))) {
      const expected = name === 'big.bin' ? big : small.get(name);
      assert.ok(expected, `unexpected file ${name}`);
      assert.deepEqual(await readFile(path.join(dir, pageId, name)), expected, `${name} is complete`);
    }
    return names.filter((entry) => !entry.endsWith('.part')).length;
  }
  async function assertAllDownloaded(dir: string) {
    assert.equal(await assertNoTruncatedFile(dir), small.size + 1);
  }

  before(async () => {
    await environment.setUp();
    site = await startTestServer(testMode);
    pageId = await aPageToWorkOn(site, 'FLT');
    for (let n = 0; n < 24; n += 1)
      small.set(`part ${String(n).padStart(2, '0')} – ü%.bin`, randomBytes(48 * 1024));
    await anUpload(site, pageId, [
      ...[...small].map(([name, content]) => ({ name, content })),
      { name: 'big.bin', content: big },
    ]);
    proxy = await startFaultProxy(site.reachableUrl);
    args = connectionArgs(proxy.url);
    direct = connectionArgs(site.reachableUrl);
  });
  afterEach(() => clearFaults());

  after(async () => {
    await proxy.close();
    await site.dispose();
    await environment.restore();
  });

  it('rides out a burst of 429s on downloads and uploads, honouring Retry-After', async () => {
    await addFault({ method: 'GET', path: '/**/download', status: 429, retryAfter: 1, times: 3 });
    const dir = workDir('burst');
    const report = await jsonOf<Report>('attachments', 'download', '--page', pageId, dir, ...direct);
    assert.equal(report.summary.failed, 0);
    await assertAllDownloaded(dir);
    assert.deepEqual(await injectedCounts(), [3]);

    await clearFaults();
    const uploadPage = await aPageToWorkOn(site, 'FLT2');
    const files = workDir('burst-upload');
    await mkdir(files);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(path.join(files, name), name);
    await addFault({ method: 'POST', path: '/**/child/attachment', status: 429, retryAfter: 0, times: 2 });
    const uploaded = await jsonOf<Report>('attachments', 'upload', '--page', uploadPage, files, ...direct);
    assert.deepEqual([uploaded.summary.done, uploaded.summary.failed], [3, 0]);
    assert.deepEqual(await injectedCounts(), [2]);
    const listed = await site.request('GET', `/wiki/api/v2/pages/${uploadPage}/attachments`);
    assert.equal((listed.body as { results: unknown[] }).results.length, 3, 'each upload stored once');
  });

  it('retries downloads answered 503 in the middle of a batch', async () => {
    await addFault({ method: 'GET', path: '/**/download', status: 503, times: 2 });
    const dir = workDir('unavailable');
    const report = await jsonOf<Report>('attachments', 'download', '--page', pageId, dir, ...direct);
    assert.equal(report.summary.failed, 0);
    await assertAllDownloaded(dir);
    assert.deepEqual(await injectedCounts(), [2]);
  });

  it('resumes a download whose connection is cut every time, with Range requests', async () => {
    // Every answer is cut after 300,000 bytes: only a client that asks for the rest (Range) each time
    // gets the 1 MiB file whole, in four requests; one that starts over never does.
    await addFault({ method: 'GET', path: '/**/download', cutAfterBytes: 300_000 });
    const dir = workDir('cut-each-time');
    const report = await jsonOf<Report>(
      'attachments',
      'download',
      '--page',
      pageId,
      '--name',
      'big.bin',
      dir,
      ...direct,
    );
    assert.equal(report.summary.done, 1);
    assert.deepEqual(await readFile(path.join(dir, pageId, 'big.bin')), big);
    assert.deepEqual(await injectedCounts(), [4]);
    assert.deepEqual(await readdir(path.join(dir, pageId)), ['big.bin']);
  });

  it('leaves only a .part file when the connection keeps breaking, and finishes it on the next run', async () => {
    await addFault({ method: 'GET', path: '/**/download', cutAfterBytes: 200_000 });
    const dir = workDir('cut-always');
    const broken = await tributary(
      'attachments',
      'download',
      '--page',
      pageId,
      '--name',
      'big.bin',
      '--retries',
      '1',
      dir,
      ...direct,
    );
    await clearFaults();
    assert.equal(broken.code, 1, broken.err);
    assert.match(broken.err, /failed: \d+\/big\.bin: /);
    await assert.rejects(stat(path.join(dir, pageId, 'big.bin')), { code: 'ENOENT' });
    const part = await stat(path.join(dir, pageId, 'big.bin.part'));
    assert.ok(part.size > 0 && part.size < big.length);

    const report = await jsonOf<Report>(
      'attachments',
      'download',
      '--page',
      pageId,
      '--name',
      'big.bin',
      dir,
      ...direct,
    );
    assert.deepEqual(
      report.items.map((item) => [item.outcome, item.detail]),
      [['done', 'resumed']],
    );
    assert.deepEqual(await readFile(path.join(dir, pageId, 'big.bin')), big);
  });

  it('reports an upload that failed before its commit, and the next run uploads just that one', async () => {
    const uploadPage = await aPageToWorkOn(site, 'FLT4');
    const files = workDir('upload-fails');
    await mkdir(files);
    for (let n = 0; n < 4; n += 1) await writeFile(path.join(files, `file ${n}.bin`), randomBytes(30_000));
    await addFault({ method: 'POST', path: '/**/child/attachment', failUpload: true, times: 1 });
    const first = await tributary('attachments', 'upload', '--page', uploadPage, files, ...direct);
    assert.equal(first.code, 1, first.err);
    assert.match(first.err, /failed: .*file \d\.bin/);
    const attachmentsOf = async () =>
      (
        (await site.request('GET', `/wiki/api/v2/pages/${uploadPage}/attachments`)).body as {
          results: Array<{ version: { number: number } }>;
        }
      ).results;
    assert.equal((await attachmentsOf()).length, 3, 'the failed upload left no attachment');
    assert.deepEqual(await site.blobStore.leftovers(), []);

    const second = await jsonOf<Report>('attachments', 'upload', '--page', uploadPage, files, ...direct);
    assert.deepEqual([second.summary.done, second.summary.skipped, second.summary.failed], [1, 3, 0]);
    const results = await attachmentsOf();
    assert.equal(results.length, 4);
    assert.ok(
      results.every((attachment) => attachment.version.number === 1),
      'nothing uploaded twice',
    );
  });

  it('survives the server dying mid-download: no truncated file, and a re-run completes the rest', async () => {
    let downloads = 0;
    proxy.beforeForward(async (request) => {
      if (downloadPath.test(request.url) && ++downloads === 8) await site.stop();
    });
    const dir = workDir('server-dies');
    const first = await tributary(
      'attachments',
      'download',
      '--page',
      pageId,
      dir,
      '--retries',
      '0',
      '--concurrency',
      '2',
      ...args,
    );
    proxy.beforeForward(undefined);
    assert.equal(first.code, 1, first.err);
    const completed = await assertNoTruncatedFile(dir);
    assert.ok(completed < small.size + 1, `${completed} files were complete`);

    site = await startTestServer(testMode, site.dataDir);
    proxy.retarget(site.reachableUrl);
    const second = await jsonOf<Report>('attachments', 'download', '--page', pageId, dir, ...args);
    assert.equal(second.summary.failed, 0);
    assert.equal(second.summary.skipped, completed);
    await assertAllDownloaded(dir);
  });

  it('survives the server dying mid-upload: the re-run uploads the rest, each file once', async () => {
    const uploadPage = await aPageToWorkOn(site, 'FLT3');
    const files = workDir('upload-dies');
    await mkdir(files);
    for (let n = 0; n < 16; n += 1) await writeFile(path.join(files, `file ${n}.bin`), randomBytes(20_000));
    let posts = 0;
    proxy.beforeForward(async (request) => {
      if (request.method === 'POST' && ++posts === 6) await site.stop();
    });
    const first = await tributary(
      'attachments',
      'upload',
      '--page',
      uploadPage,
      files,
      '--retries',
      '0',
      '--concurrency',
      '2',
      ...args,
    );
    proxy.beforeForward(undefined);
    assert.equal(first.code, 1, first.err);

    site = await startTestServer(testMode, site.dataDir);
    proxy.retarget(site.reachableUrl);
    const second = await jsonOf<Report>('attachments', 'upload', '--page', uploadPage, files, ...args);
    assert.equal(second.summary.failed, 0);
    assert.ok(second.summary.skipped > 0, 'the files uploaded before the server died are not sent again');
    assert.equal(second.summary.done + second.summary.skipped, 16);
    const listed = await site.request('GET', `/wiki/api/v2/pages/${uploadPage}/attachments?limit=250`);
    const results = (listed.body as { results: Array<{ title: string; version: { number: number } }> })
      .results;
    assert.equal(results.length, 16);
    assert.ok(
      results.every((attachment) => attachment.version.number === 1),
      'nothing uploaded twice',
    );
  });
});
