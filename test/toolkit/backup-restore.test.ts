import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ConfluenceClient, getPage } from '../../src/client/index.ts';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aSourceSpace, type SourceTree, snapshotOf } from './backup-support.ts';
import { connectionArgs, isolateEnvironment, jsonOf, openClient, tributary } from './toolkit-support.ts';

interface Report {
  dryRun: boolean;
  summary: { done: number; skipped: number; failed: number };
  items: Array<{ outcome: string; subject: string; detail: string; sourceId?: string; targetId?: string }>;
}

interface ManifestShape {
  format: string;
  formatVersion: number;
  pages: Array<{ id: string; title: string; ancestorIds: string[] }>;
  attachments: Array<{
    id: string;
    title: string;
    labels: Array<{ name: string }>;
    versions: Array<{ number: number; sha256: string; comment: string; sizeBytes: number }>;
  }>;
}

const readManifest = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ManifestShape;

async function blobsUnder(dir: string): Promise<string[]> {
  const root = path.join(dir, 'blobs', 'sha256');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

const downloadsIn = (proxy: FaultProxy) =>
  proxy.log.filter((entry) => entry.method === 'GET' && /\/download/.test(entry.url)).length;

describe('tributary backup and restore', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let proxy: FaultProxy;
  let client: ConfluenceClient;
  let args: string[];
  let tree: SourceTree;
  let backupDir: string;

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    proxy = await startFaultProxy(site.reachableUrl);
    client = await openClient(site.reachableUrl);
    args = connectionArgs(proxy.url);
    tree = await aSourceSpace(site, client, 'SRC', environment.workDir());
    backupDir = path.join(environment.workDir(), 'backup of SRC');
  });

  after(async () => {
    await client.close();
    await proxy.close();
    await site.dispose();
    await environment.restore();
  });

  it('writes nothing on a dry run', async () => {
    const report = await jsonOf<Report>('backup', '--space', 'SRC', backupDir, '--dry-run', ...args);
    assert.equal(report.summary.done, 4);
    await assert.rejects(stat(backupDir), { code: 'ENOENT' });
  });

  it('backs up every version, each distinct content once under its SHA-256', async () => {
    const report = await jsonOf<Report>('backup', '--space', 'SRC', backupDir, ...args);
    assert.deepEqual(report.summary, { ...report.summary, done: 4, failed: 0 });
    const manifest = await readManifest(backupDir);
    assert.equal(manifest.format, 'tributary-backup');
    assert.equal(manifest.formatVersion, 1);
    const report2024 = manifest.attachments.find((entry) => entry.title === 'report 2024.pdf');
    assert.deepEqual(
      report2024?.versions.map((version) => [version.number, version.comment]),
      [
        [1, 'draft'],
        [2, 'final'],
        [3, 'same bytes again'],
      ],
    );
    assert.equal(report2024?.versions[1]?.sha256, report2024?.versions[2]?.sha256);
    const hashes = new Set(manifest.attachments.flatMap((entry) => entry.versions.map((v) => v.sha256)));
    const blobs = await blobsUnder(backupDir);
    assert.equal(blobs.length, hashes.size, 'one file per distinct SHA-256');
    for (const blob of blobs) {
      const actual = createHash('sha256')
        .update(await readFile(blob))
        .digest('hex');
      assert.equal(path.basename(blob), actual);
    }
    const section = manifest.pages.find((page) => page.id === tree.grandchildId);
    assert.deepEqual(section?.ancestorIds.slice(-2), [tree.rootId, tree.childId]);
  });

  it('restores into another space: pages in their tree, every version byte for byte, comments, labels, properties', async () => {
    await aSpace(site, 'DST');
    const report = await jsonOf<Report>('restore', backupDir, 'DST', ...args);
    assert.equal(report.summary.failed, 0);
    assert.deepEqual(await snapshotOf(client, 'DST'), await snapshotOf(client, 'SRC'));
    const section = report.items.find((item) => item.sourceId === tree.grandchildId);
    const restored = await getPage(client, String(section?.targetId));
    const chapter = report.items.find((item) => item.sourceId === tree.childId);
    assert.equal(restored.ancestorIds.at(-1), chapter?.targetId);
  });

  it('a second restore into the same space finds everything done and creates nothing', async () => {
    const before = await snapshotOf(client, 'DST');
    const report = await jsonOf<Report>('restore', backupDir, 'DST', ...args);
    assert.deepEqual(report.summary, { ...report.summary, done: 0, failed: 0 });
    assert.deepEqual(await snapshotOf(client, 'DST'), before);
  });

  it('a second backup fetches no bytes; after a new version, only that version', async () => {
    const fetchedBefore = downloadsIn(proxy);
    const again = await jsonOf<Report>('backup', '--space', 'SRC', backupDir, ...args);
    assert.deepEqual(again.summary, { ...again.summary, done: 0, skipped: 4, failed: 0 });
    assert.equal(downloadsIn(proxy), fetchedBefore, 'no download request');

    let deepId: string | undefined;
    for await (const attachment of client.listAttachments({
      kind: 'page',
      pageId: tree.grandchildId,
      tree: false,
    }))
      deepId = attachment.id;
    const file = path.join(environment.workDir(), 'deep v2');
    await writeFile(file, 'deeper still');
    await client.upload({
      containerId: tree.grandchildId,
      filePath: file,
      sizeBytes: 12,
      name: 'deep.txt',
      comment: 'second look',
      newVersionOf: deepId,
    });
    const third = await jsonOf<Report>('backup', '--space', 'SRC', backupDir, ...args);
    assert.deepEqual(third.summary, { ...third.summary, done: 1, skipped: 3, failed: 0 });
    assert.equal(downloadsIn(proxy), fetchedBefore + 1, 'exactly one version fetched');
    const entry = (await readManifest(backupDir)).attachments.find((item) => item.title === 'deep.txt');
    assert.deepEqual(
      entry?.versions.map((version) => version.comment),
      ['', 'second look'],
    );
  });

  it('gives restored pages a new title when the space already has one: Title (restored)', async () => {
    const report = await jsonOf<Report>('restore', backupDir, 'SRC', ...args);
    assert.equal(report.summary.failed, 0);
    const pages = report.items.filter((item) => item.subject.startsWith('page '));
    assert.ok(
      pages.every((item) => / \(restored\)'$/.test(item.detail)),
      pages.map((item) => item.detail).join('; '),
    );
  });

  it('resumes an interrupted restore without duplicates, even when the state file lags behind', async () => {
    await aSpace(site, 'DST2');
    const state = path.join(environment.workDir(), 'dst2-state.json');
    let uploads = 0;
    proxy.beforeForward(async (request) => {
      if (request.method === 'POST' && /\/child\/attachment/.test(request.url) && ++uploads === 4) {
        await site.stop();
      }
    });
    const first = await tributary('restore', backupDir, 'DST2', '--state', state, '--retries', '0', ...args);
    proxy.beforeForward(undefined);
    assert.equal(first.code, 1, first.err);

    // A crash between an upload and the state write: the state forgets the last version it uploaded.
    const recorded = JSON.parse(await readFile(state, 'utf8')) as {
      attachments: Record<string, { versionsDone: number; targetId?: string }>;
    };
    const lagging = Object.values(recorded.attachments).find((done) => done.versionsDone > 0);
    assert.ok(lagging, 'some attachment was uploaded before the server stopped');
    lagging.versionsDone -= 1;
    if (lagging.versionsDone === 0) delete lagging.targetId;
    await writeFile(state, JSON.stringify(recorded));

    site = await startTestServer({}, site.dataDir);
    proxy.retarget(site.reachableUrl);
    await client.close();
    client = await openClient(site.reachableUrl);
    const second = await jsonOf<Report>('restore', backupDir, 'DST2', '--state', state, ...args);
    assert.equal(second.summary.failed, 0);
    // SRC also holds the '(restored)' copies made above; compare with its own pages only.
    const source = (await snapshotOf(client, 'SRC')).filter((item) => !item.page.endsWith('(restored)'));
    assert.deepEqual(await snapshotOf(client, 'DST2'), source);
  });

  it('reports a version whose bytes on the target hash differently from the backup, and exits 1', async () => {
    const damaged = path.join(environment.workDir(), 'damaged backup');
    await cp(backupDir, damaged, { recursive: true });
    const manifest = await readManifest(damaged);
    const notes = manifest.attachments.find((entry) => entry.title.startsWith('naïve'));
    const blob = path.join(
      damaged,
      'blobs',
      'sha256',
      notes?.versions[0]?.sha256.slice(0, 2) ?? '',
      notes?.versions[0]?.sha256 ?? '',
    );
    const bytes = await readFile(blob);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await writeFile(blob, bytes);
    await aSpace(site, 'BAD');
    const result = await tributary('restore', damaged, 'BAD', '--json', ...args);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.out) as Report;
    const failed = report.items.filter((item) => item.outcome === 'failed');
    assert.deepEqual(
      failed.map((item) => [item.subject.split('/')[1], item.detail]),
      [[notes?.title, 'SHA-256 on the target differs from the backup for version 1']],
    );
  });

  it('restores names that differ only in case as the distinct files the source held', async () => {
    await aSpace(site, 'CASE');
    const page = await aPage(site, 'CASE', 'Cased names');
    await anUpload(site, String(page.id), [
      { name: 'Readme.md', content: 'lower' },
      { name: 'README.md', content: 'upper' },
    ]);
    const dir = path.join(environment.workDir(), 'backup of CASE');
    assert.equal((await jsonOf<Report>('backup', '--space', 'CASE', dir, ...args)).summary.failed, 0);
    await aSpace(site, 'CASECOPY');
    const restored = await jsonOf<Report>('restore', dir, 'CASECOPY', ...args);
    assert.equal(restored.summary.failed, 0, JSON.stringify(restored.items));
    assert.deepEqual(await snapshotOf(client, 'CASECOPY'), await snapshotOf(client, 'CASE'));
  });

  it('refuses a folder without a backup, and a bad parent, with exit code 2', async () => {
    const empty = await tributary('restore', environment.workDir(), 'DST', ...args);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /no backup/);
    const parent = await tributary('restore', backupDir, 'DST', '--parent', 'x1', ...args);
    assert.equal(parent.code, 2);
  });
});
