import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  aPageToWorkOn,
  connectionArgs,
  isolateEnvironment,
  jsonOf,
  succeeds,
  tributary,
} from './toolkit-support.ts';

interface DownloadReport {
  dryRun: boolean;
  summary: { done: number; skipped: number; failed: number; bytes: number };
  items: Array<{ outcome: string; detail: string; title: string; version: number; path: string }>;
}

/** Every file under a folder, relative to it, with forward slashes. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('tributary attachments download', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];
  let pageId: string;
  let childId: string;
  const big = randomBytes(2 * 1024 * 1024 + 3);
  const contents = new Map<string, Buffer>([
    ['report 2024.pdf', randomBytes(40_000)],
    ['naïve 100% «notes».txt', Buffer.from('unicode, spaces and a percent sign')],
    ['big.bin', big],
  ]);
  let target: (name: string) => string;

  const download = (dir: string, ...rest: string[]) =>
    jsonOf<DownloadReport>('attachments', 'download', ...rest, dir, ...args);

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
    pageId = await aPageToWorkOn(site, 'DL');
    childId = String((await aPage(site, 'DL', 'Child', { parentId: pageId })).id);
    await anUpload(
      site,
      pageId,
      [...contents].map(([name, content]) => ({ name, content })),
    );
    await anUpload(site, childId, [{ name: 'child.txt', content: 'child' }]);
    target = (name) => path.join(environment.workDir(), name);
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('writes every current attachment of the tree into one folder per page, byte for byte', async () => {
    const dir = target('tree');
    const report = await download(dir, '--page', pageId, '--tree');
    assert.deepEqual(report.summary, { ...report.summary, done: 4, skipped: 0, failed: 0 });
    assert.deepEqual(
      await filesUnder(dir),
      [
        `${childId}/child.txt`,
        `${pageId}/big.bin`,
        `${pageId}/naïve 100% «notes».txt`,
        `${pageId}/report 2024.pdf`,
      ].sort(),
    );
    for (const [name, content] of contents) {
      assert.deepEqual(await readFile(path.join(dir, pageId, name)), content, name);
    }
  });

  it('skips complete files on a re-run, fetches again a file of the wrong size, and resumes a .part', async () => {
    const dir = target('resume');
    await download(dir, '--page', pageId);
    await truncate(path.join(dir, pageId, 'report 2024.pdf'), 100);
    await rm(path.join(dir, pageId, 'big.bin'));
    await writeFile(path.join(dir, pageId, 'big.bin.part'), big.subarray(0, 1_000_000));
    const again = await download(dir, '--page', pageId);
    const outcome = new Map(again.items.map((item) => [item.title, `${item.outcome}: ${item.detail}`]));
    assert.deepEqual(Object.fromEntries(outcome), {
      'report 2024.pdf': 'done: downloaded',
      'big.bin': 'done: resumed',
      'naïve 100% «notes».txt': 'skipped: complete on disk',
    });
    assert.deepEqual(await readFile(path.join(dir, pageId, 'big.bin')), big);
    assert.deepEqual(
      await readFile(path.join(dir, pageId, 'report 2024.pdf')),
      contents.get('report 2024.pdf'),
    );
    assert.ok(!(await filesUnder(dir)).some((file) => file.endsWith('.part')));
  });

  it('fetches a same-sized new version on a re-run, and starts over a .part nothing can check', async () => {
    const samePage = String((await aPage(site, 'DL', 'Same size')).id);
    await anUpload(site, samePage, [{ name: 'same.txt', content: 'hello\n' }]);
    const dir = target('same-size');
    await download(dir, '--page', samePage);
    await anUpload(site, samePage, [{ name: 'same.txt', content: 'HELLO\n' }], { method: 'PUT' });
    const again = await download(dir, '--page', samePage);
    assert.deepEqual(again.summary, { ...again.summary, done: 1, skipped: 0 });
    assert.equal(await readFile(path.join(dir, samePage, 'same.txt'), 'utf8'), 'HELLO\n');
    assert.equal((await download(dir, '--page', samePage)).summary.skipped, 1);
    // A file whose time was lost (copied, or saved before files were stamped) is kept where the server
    // states the hash of its bytes, and gets its time back; elsewhere it is fetched again.
    const file = path.join(dir, samePage, 'same.txt');
    const stamped = (await stat(file)).mtimeMs;
    await utimes(file, new Date(), new Date(2_000_000_000_000));
    assert.equal((await download(dir, '--page', samePage)).summary.skipped, 1);
    assert.equal((await stat(file)).mtimeMs, stamped);
    await utimes(file, new Date(), new Date(2_000_000_000_000));
    assert.equal((await download(dir, '--page', samePage, '--flavour', 'datacenter')).summary.done, 1);

    // Data Center states no hash: a .part left by an earlier run may be another version's start.
    const servlet = target('datacenter-part');
    await download(servlet, '--page', pageId, '--name', 'report*', '--flavour', 'datacenter');
    await writeFile(path.join(servlet, pageId, 'big.bin.part'), Buffer.alloc(5_000));
    await download(servlet, '--page', pageId, '--name', 'big.bin', '--flavour', 'datacenter');
    assert.deepEqual(await readFile(path.join(servlet, pageId, 'big.bin')), big);
  });

  it('names an attachment called _versions apart from the folder of older versions, whatever the flags', async () => {
    const folderPage = String((await aPage(site, 'DL', 'Folder name')).id);
    await anUpload(site, folderPage, [{ name: '_versions', content: 'a file' }]);
    await anUpload(site, folderPage, [{ name: 'kept.txt', content: 'one' }]);
    await anUpload(site, folderPage, [{ name: 'kept.txt', content: 'two' }], { method: 'PUT' });
    const dir = target('reserved');
    await download(dir, '--page', folderPage);
    const withVersions = await download(dir, '--page', folderPage, '--all-versions');
    assert.equal(withVersions.summary.failed, 0);
    const files = await filesUnder(dir);
    assert.equal(files.filter((file) => /_versions \(att\d+\)$/.test(file)).length, 1, files.join(', '));
    assert.ok(files.includes(`${folderPage}/_versions/kept.txt/v1-kept.txt`), files.join(', '));
  });

  it('throws away a .part whose bytes differ from what Tributary states, and fetches the file afresh', async () => {
    const dir = target('corrupt');
    const corrupt = Buffer.from(big.subarray(0, 500_000));
    corrupt[1234] = (corrupt[1234] ?? 0) ^ 0xff;
    await download(dir, '--page', pageId, '--name', 'report*');
    await writeFile(path.join(dir, pageId, 'big.bin.part'), corrupt);
    const report = await download(dir, '--page', pageId, '--name', 'big.bin');
    assert.equal(report.summary.done, 1);
    assert.deepEqual(await readFile(path.join(dir, pageId, 'big.bin')), big);
  });

  it('gives names that clash on disk distinct files, and keeps every name inside the folder', async () => {
    const clashId = String((await aPage(site, 'DL', 'Clashes')).id);
    await anUpload(site, clashId, [
      { name: 'Notes.txt', content: 'upper' },
      { name: 'notes.txt', content: 'lower' },
      { name: 'a:b.txt', content: 'colon' },
      { name: 'a_b.txt', content: 'underscore' },
      { name: 'CON.txt', content: 'device' },
      { name: '..txt', content: 'dots' },
    ]);
    const dir = target('clashes');
    await download(dir, '--page', clashId);
    const files = await filesUnder(dir);
    assert.equal(files.length, 6);
    assert.ok(files.every((file) => file.startsWith(`${clashId}/`)));
    const read = async (name: string) => (await readFile(path.join(dir, clashId, name), 'utf8')).toString();
    assert.equal(await read('Notes.txt'), 'upper');
    assert.match(files.find((file) => file.includes('notes (att')) ?? '', /notes \(att\d+\)\.txt$/);
    assert.equal(await read('a_b.txt'), 'colon');
    assert.match(files.find((file) => file.includes('a_b (att')) ?? '', /a_b \(att\d+\)\.txt$/);
    assert.equal(await read('_CON.txt'), 'device');
    assert.equal(await read('..txt'), 'dots');
    const again = await download(dir, '--page', clashId);
    assert.equal(again.summary.skipped, 6, 'the same names are found again on a re-run');
  });

  it('fetches every older version with --all-versions, each with its own bytes', async () => {
    const versionedId = String((await aPage(site, 'DL', 'Versioned')).id);
    for (const text of ['first', 'second', 'third']) {
      await anUpload(site, versionedId, [{ name: 'draft.txt', content: text }], { method: 'PUT' });
    }
    const dir = target('versions');
    const report = await download(dir, '--page', versionedId, '--all-versions');
    assert.equal(report.summary.done, 3);
    assert.deepEqual(await filesUnder(dir), [
      `${versionedId}/_versions/draft.txt/v1-draft.txt`,
      `${versionedId}/_versions/draft.txt/v2-draft.txt`,
      `${versionedId}/draft.txt`,
    ]);
    const read = (file: string) => readFile(path.join(dir, versionedId, file), 'utf8');
    assert.equal(await read('draft.txt'), 'third');
    assert.equal(await read('_versions/draft.txt/v1-draft.txt'), 'first');
    assert.equal(await read('_versions/draft.txt/v2-draft.txt'), 'second');
  });

  it('downloads through the Data Center servlet with the same result', async () => {
    const dir = target('datacenter');
    const report = await download(dir, '--page', pageId, '--flavour', 'datacenter');
    assert.equal(report.summary.done, 3);
    for (const [name, content] of contents) {
      assert.deepEqual(await readFile(path.join(dir, pageId, name)), content, name);
    }
  });

  it('filters what it fetches, and writes nothing with --dry-run', async () => {
    const dir = target('filtered');
    const report = await download(dir, '--page', pageId, '--name', '*.PDF');
    assert.deepEqual(
      report.items.map((item) => item.title),
      ['report 2024.pdf'],
    );
    const dry = target('dry');
    const out = await succeeds('attachments', 'download', '--page', pageId, '--dry-run', dry, ...args);
    assert.match(out, /^Would have downloaded 3 \(/m);
    await assert.rejects(stat(dry), { code: 'ENOENT' });
  });

  it('prints a one-line summary without --json', async () => {
    const result = await tributary('attachments', 'download', '--page', childId, target('summary'), ...args);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^Downloaded 1 \(5 B\), skipped 0, failed 0 in \d+\.\d s.* into .*summary\n$/);
  });
});
