/**
 * `attachments prune-versions` and `attachments stats` against a real server: prune keeps exactly the N
 * newest versions and reports the bytes of those it deleted; the stats match what was uploaded.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StatsReport } from '../../src/cli/attachments/stats-report.ts';
import { anUpload, aPage } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, connectionArgs, isolateEnvironment, jsonOf, tributary } from './toolkit-support.ts';

interface Report {
  dryRun: boolean;
  summary: { done: number; skipped: number; failed: number; bytes: number };
  items: Array<{ outcome: string; detail: string; title: string; version: number; sizeBytes: number }>;
}

// What `stats --json` prints: the report, and what could not be read.
type Stats = StatsReport & { failures: string[] };

const bytes = (count: number, fill: string) => Buffer.alloc(count, fill);

describe('tributary attachments prune-versions and stats', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];

  /** Uploads `name` once per size, each a new version. */
  async function versions(pageId: string, name: string, sizes: number[], type = 'application/octet-stream') {
    for (const [index, size] of sizes.entries()) {
      const response = await anUpload(site, pageId, [{ name, content: bytes(size, String(index)), type }], {
        method: 'PUT',
      });
      assert.equal(response.status, 200, response.text);
    }
  }

  async function versionNumbers(pageId: string, name: string): Promise<number[]> {
    const listed = await site.request(
      'GET',
      `/wiki/api/v2/pages/${pageId}/attachments?filename=${encodeURIComponent(name)}`,
    );
    const id = (listed.body as { results: Array<{ id: string }> }).results[0]?.id;
    assert.ok(id, `${name} exists`);
    const history = await site.request('GET', `/wiki/api/v2/attachments/${id}/versions?limit=250`);
    return (history.body as { results: Array<{ number: number }> }).results
      .map((version) => version.number)
      .sort((a, b) => b - a);
  }

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('keeps exactly the N newest versions, never the current one, and reports the bytes freed', async () => {
    const pageId = await aPageToWorkOn(site, 'PRN');
    await versions(pageId, 'plan.bin', [100, 200, 300, 400, 500]);
    await versions(pageId, 'single.txt', [10]);

    const dry = await jsonOf<Report>(
      'attachments',
      'prune-versions',
      '--page',
      pageId,
      '--keep',
      '2',
      '--dry-run',
      ...args,
    );
    assert.deepEqual(
      dry.items.map((item) => [item.title, item.version, item.sizeBytes]),
      [
        ['plan.bin', 3, 300],
        ['plan.bin', 2, 200],
        ['plan.bin', 1, 100],
      ],
    );
    assert.equal(dry.summary.bytes, 600);
    assert.deepEqual(await versionNumbers(pageId, 'plan.bin'), [5, 4, 3, 2, 1], 'a dry run deletes nothing');

    const refused = await tributary(
      'attachments',
      'prune-versions',
      '--page',
      pageId,
      '--keep',
      '2',
      ...args,
    );
    assert.equal(refused.code, 2);
    assert.deepEqual(await versionNumbers(pageId, 'plan.bin'), [5, 4, 3, 2, 1]);
    assert.equal(
      (await tributary('attachments', 'prune-versions', '--page', pageId, '--keep', '0', '--yes', ...args))
        .code,
      2,
    );
    assert.equal(
      (await tributary('attachments', 'prune-versions', '--page', pageId, '--yes', ...args)).code,
      2,
    );

    const pruned = await jsonOf<Report>(
      'attachments',
      'prune-versions',
      '--page',
      pageId,
      '--keep',
      '2',
      '--yes',
      ...args,
    );
    assert.deepEqual([pruned.summary.done, pruned.summary.failed, pruned.summary.bytes], [3, 0, 600]);
    assert.deepEqual(await versionNumbers(pageId, 'plan.bin'), [5, 4]);
    assert.deepEqual(await versionNumbers(pageId, 'single.txt'), [1]);

    const keepOne = await tributary(
      'attachments',
      'prune-versions',
      '--page',
      pageId,
      '--keep',
      '1',
      '--yes',
      ...args,
    );
    assert.equal(keepOne.code, 0, keepOne.err);
    assert.match(keepOne.out, /Deleted 1 \(400 B\)/);
    assert.deepEqual(await versionNumbers(pageId, 'plan.bin'), [5]);
    const current = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments?filename=plan.bin`);
    assert.equal((current.body as { results: Array<{ fileSize: number }> }).results[0]?.fileSize, 500);
  });

  it('prunes only versions older than --older-than', async () => {
    const pageId = await aPageToWorkOn(site, 'PRO');
    await versions(pageId, 'recent.bin', [1, 2, 3]);
    const prune = ['attachments', 'prune-versions', '--page', pageId, '--older-than', '1h', '--yes', ...args];
    const report = await jsonOf<Report>(...prune);
    assert.equal(report.summary.done, 0, 'every version is younger than an hour');
    assert.deepEqual(await versionNumbers(pageId, 'recent.bin'), [3, 2, 1]);
    const text = await tributary(...prune);
    assert.equal(text.code, 0, text.err);
    assert.doesNotMatch(text.out, /freed/, 'nothing deleted, nothing freed');
  });

  it('counts what was uploaded: totals, media types, pages, largest files, version overhead and growth', async () => {
    const pageId = await aPageToWorkOn(site, 'STA', 'Stats parent');
    const childId = String((await aPage(site, 'STA', 'Stats child', { parentId: pageId })).id);
    await versions(pageId, 'picture.png', [1000, 1500], 'image/png');
    await versions(pageId, 'doc.pdf', [3000], 'application/pdf');
    await versions(childId, 'notes.txt', [50], 'text/plain');
    const listed = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments`);
    const mediaTypeOf = (title: string) =>
      (listed.body as { results: Array<{ title: string; mediaType: string }> }).results.find(
        (entry) => entry.title === title,
      )?.mediaType;

    const stats = await jsonOf<Stats>('attachments', 'stats', '--space', 'STA', ...args);
    assert.deepEqual(stats.totals, {
      attachments: 3,
      pages: 2,
      currentBytes: 1500 + 3000 + 50,
      historicalVersions: 1,
      historicalBytes: 1000,
      totalBytes: 5550,
    });
    assert.deepEqual(
      stats.byMediaType.map((entry) => [entry.attachments, entry.bytes]),
      [
        [1, 3000],
        [1, 1500],
        [1, 50],
      ],
    );
    assert.equal(stats.byMediaType[1]?.mediaType, mediaTypeOf('picture.png'));
    assert.deepEqual(
      stats.byPage.map((entry) => [
        entry.containerId,
        entry.title,
        entry.attachments,
        entry.bytes,
        entry.historicalBytes,
      ]),
      [
        [pageId, 'Stats parent', 2, 4500, 1000],
        [childId, 'Stats child', 1, 50, 0],
      ],
    );
    assert.deepEqual(
      stats.largest.map((entry) => entry.title),
      ['doc.pdf', 'picture.png', 'notes.txt'],
    );
    assert.deepEqual(stats.versionOverhead?.attachments, [
      { ...stats.versionOverhead?.attachments[0], title: 'picture.png', versions: 1, historicalBytes: 1000 },
    ]);
    assert.equal(stats.versionOverhead?.share, 1000 / 5550);
    const month = new Date().toISOString().slice(0, 7);
    assert.deepEqual(stats.growth, [
      { month, attachmentsCreated: 3, versionsUploaded: 4, bytesUploaded: 5550, cumulativeBytes: 5550 },
    ]);

    const quick = await jsonOf<Stats>('attachments', 'stats', '--page', childId, '--no-versions', ...args);
    assert.deepEqual(
      [quick.totals.attachments, quick.totals.historicalBytes, quick.versionOverhead],
      [1, null, null],
    );

    const html = path.join(environment.workDir(), 'report.html');
    const text = await tributary('attachments', 'stats', '--space', 'STA', '--html', html, ...args);
    assert.equal(text.code, 0, text.err);
    assert.match(
      text.out,
      /^3 attachments on 2 pages: 4\.4 KiB current; 1 historical versions, 1000 B; 5\.4 KiB in all/,
    );
    assert.match(text.out, /Version overhead: 18\.0%/);
    const report = await readFile(html, 'utf8');
    assert.match(report, /^<!doctype html>/);
    assert.equal((report.match(/<svg /g) ?? []).length, 3, 'media types, pages and growth charts');
    assert.match(report, /Stats parent/);
    assert.doesNotMatch(report, /<script|<link|src="http/, 'self-contained');
  });

  describe('through the fault proxy', () => {
    let proxy: FaultProxy;
    let proxied: string[];

    before(async () => {
      proxy = await startFaultProxy(site.reachableUrl);
      proxied = connectionArgs(proxy.url);
    });

    after(async () => proxy.close());

    it('rides out 429s on version deletes', async () => {
      const pageId = await aPageToWorkOn(site, 'P429');
      await versions(pageId, 'a.bin', [1, 2, 3, 4]);
      await versions(pageId, 'b.bin', [5, 6, 7]);
      const firstLog = proxy.log.length;
      proxy.rateLimit(3, '0', /^DELETE .*\/version\//);
      const report = await jsonOf<Report>(
        'attachments',
        'prune-versions',
        '--page',
        pageId,
        '--keep',
        '1',
        '--yes',
        ...proxied,
      );
      assert.deepEqual([report.summary.done, report.summary.failed], [5, 0]);
      assert.equal(proxy.log.slice(firstLog).filter((entry) => entry.fault === '429').length, 3);
      assert.deepEqual(await versionNumbers(pageId, 'a.bin'), [4]);
      assert.deepEqual(await versionNumbers(pageId, 'b.bin'), [3]);
    });

    it('stats exits 1 and names what it could not read when the server fails', async () => {
      proxy.failWith(503, 100, /\/versions/);
      const result = await tributary(
        'attachments',
        'stats',
        '--space',
        'STA',
        '--retries',
        '0',
        '--json',
        ...proxied,
      );
      proxy.clearFaults();
      assert.equal(result.code, 1);
      const stats = JSON.parse(result.out) as Stats;
      assert.equal(stats.failures.length, 1);
      assert.match(stats.failures[0] ?? '', /picture\.png \(versions\): .*503/);
    });
  });
});
