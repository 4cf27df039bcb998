import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, connectionArgs, isolateEnvironment, jsonOf, tributary } from './toolkit-support.ts';

interface UploadReport {
  dryRun: boolean;
  summary: { done: number; skipped: number; failed: number; bytes: number };
  items: Array<{
    outcome: string;
    subject: string;
    detail: string;
    name: string;
    id?: string;
    version?: number;
  }>;
}

interface V2Attachment {
  id: string;
  title: string;
  fileSize: number;
  mediaType: string;
  comment: string;
  version: { number: number; message: string; minorEdit: boolean };
}

describe('tributary attachments upload', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];
  let folder: string;
  const big = randomBytes(3 * 1024 * 1024 + 17);

  const attachmentsOf = async (pageId: string): Promise<V2Attachment[]> => {
    const response = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments?limit=250`);
    return (response.body as { results: V2Attachment[] }).results;
  };
  const bytesOf = async (pageId: string, title: string) => {
    const response = await fetch(
      `${site.reachableUrl}/download/attachments/${pageId}/${encodeURIComponent(title)}`,
      { headers: { authorization: basic('admin', adminPassword) } },
    );
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  };
  const upload = (pageId: string, ...rest: string[]) =>
    jsonOf<UploadReport>('attachments', 'upload', '--page', pageId, ...rest, ...args);

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
    folder = path.join(environment.workDir(), 'files');
    await mkdir(path.join(folder, 'nested', 'deeper'), { recursive: true });
    await writeFile(path.join(folder, 'plain.txt'), 'plain text');
    await writeFile(path.join(folder, 'with space & 100%.md'), '# percent and spaces');
    await writeFile(path.join(folder, 'nested', 'ünïcödé – 日本.txt'), 'unicode name');
    await writeFile(path.join(folder, 'nested', 'deeper', 'big.bin'), big);
    await writeFile(path.join(folder, '.DS_Store'), 'hidden');
    await writeFile(path.join(environment.workDir(), 'single "quoted".csv'), 'a,b\n1,2\n');
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('uploads files and folders (walked, hidden files skipped) with their bytes and names intact', async () => {
    const pageId = await aPageToWorkOn(site, 'UP1');
    const single = path.join(environment.workDir(), 'single "quoted".csv');
    const report = await upload(pageId, folder, single);
    assert.deepEqual(report.summary, { ...report.summary, done: 5, skipped: 0, failed: 0 });
    assert.equal(report.summary.bytes, big.length + 10 + 20 + 12 + 8);
    const stored = await attachmentsOf(pageId);
    assert.deepEqual(stored.map((attachment) => attachment.title).sort(), [
      'big.bin',
      'plain.txt',
      'single "quoted".csv',
      'with space & 100%.md',
      'ünïcödé – 日本.txt',
    ]);
    assert.deepEqual(await bytesOf(pageId, 'big.bin'), big);
    assert.equal((await bytesOf(pageId, 'ünïcödé – 日本.txt')).toString(), 'unicode name');
    assert.equal((await bytesOf(pageId, 'with space & 100%.md')).toString(), '# percent and spaces');
    const byTitle = new Map(stored.map((attachment) => [attachment.title, attachment]));
    assert.equal(byTitle.get('plain.txt')?.mediaType, 'text/plain');
    assert.equal(byTitle.get('single "quoted".csv')?.mediaType, 'text/csv');
  });

  it('skips files whose bytes the page already has, and adds a version for changed ones', async () => {
    const pageId = await aPageToWorkOn(site, 'UP2');
    await upload(pageId, folder);
    const again = await upload(pageId, folder);
    assert.deepEqual([again.summary.done, again.summary.skipped], [0, 4]);
    assert.ok(again.items.every((item) => item.detail === 'identical'));

    await writeFile(path.join(folder, 'plain.txt'), 'plain text, edited');
    try {
      const changed = await upload(pageId, folder, '--comment', 'second draft', '--minor-edit');
      assert.deepEqual([changed.summary.done, changed.summary.skipped], [1, 3]);
      assert.deepEqual(
        changed.items
          .filter((item) => item.outcome === 'done')
          .map((item) => [item.name, item.detail, item.version]),
        [['plain.txt', 'new version', 2]],
      );
      const plain = (await attachmentsOf(pageId)).find((attachment) => attachment.title === 'plain.txt');
      assert.equal(plain?.version.number, 2);
      assert.equal(plain?.version.message, 'second draft');
      assert.equal(plain?.version.minorEdit, true);
      assert.equal((await bytesOf(pageId, 'plain.txt')).toString(), 'plain text, edited');
      assert.equal((await attachmentsOf(pageId)).length, 4, 'no attachment was added twice');
    } finally {
      await writeFile(path.join(folder, 'plain.txt'), 'plain text');
    }
  });

  it('compares bytes by streaming them where the server states no hash (Data Center)', async () => {
    const pageId = await aPageToWorkOn(site, 'UP3');
    await upload(pageId, folder, '--flavour', 'datacenter');
    const again = await upload(pageId, folder, '--flavour', 'datacenter');
    assert.deepEqual([again.summary.done, again.summary.skipped, again.summary.failed], [0, 4, 0]);
    assert.equal(
      (await attachmentsOf(pageId)).every((attachment) => attachment.version.number === 1),
      true,
    );
  });

  it('leaves existing names alone with --on-exists skip, and reports them with --on-exists fail', async () => {
    const pageId = await aPageToWorkOn(site, 'UP4');
    const plain = path.join(folder, 'plain.txt');
    await upload(pageId, plain);
    const other = path.join(environment.workDir(), 'other', 'plain.txt');
    await mkdir(path.dirname(other), { recursive: true });
    await writeFile(other, 'different bytes under the same name');
    const skipped = await upload(pageId, other, '--on-exists', 'skip');
    assert.deepEqual([skipped.summary.done, skipped.summary.skipped], [0, 1]);
    assert.equal(skipped.items[0]?.detail, 'exists');

    const result = await tributary(
      'attachments',
      'upload',
      '--page',
      pageId,
      '--on-exists',
      'fail',
      other,
      path.join(folder, 'with space & 100%.md'),
      ...args,
    );
    assert.equal(result.code, 1);
    assert.match(result.err, /failed: .*plain\.txt: page \d+ already has an attachment named 'plain\.txt'/);
    assert.match(result.out, /^Uploaded 1 \(20 B\), skipped 0, failed 1 in /);
    const stored = await attachmentsOf(pageId);
    assert.deepEqual(stored.map((attachment) => [attachment.title, attachment.version.number]).sort(), [
      ['plain.txt', 1],
      ['with space & 100%.md', 1],
    ]);
  });

  it('changes nothing with --dry-run, and says what it would do', async () => {
    const pageId = await aPageToWorkOn(site, 'UP5');
    await upload(pageId, path.join(folder, 'plain.txt'));
    await writeFile(path.join(environment.workDir(), 'plain.txt'), 'would be a new version');
    const result = await tributary(
      'attachments',
      'upload',
      '--page',
      pageId,
      '--dry-run',
      path.join(environment.workDir(), 'plain.txt'),
      path.join(folder, 'with space & 100%.md'),
      ...args,
    );
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /would {2}.*plain\.txt {2}\(new version\)/);
    assert.match(result.out, /would {2}.*with space & 100%\.md {2}\(new attachment\)/);
    assert.match(result.out, /^Would have uploaded 2 /m);
    const stored = await attachmentsOf(pageId);
    assert.deepEqual(
      stored.map((attachment) => [attachment.title, attachment.version.number]),
      [['plain.txt', 1]],
    );
  });

  it('refuses two files that would get the same name, and paths that do not exist (exit 2, nothing sent)', async () => {
    const pageId = await aPageToWorkOn(site, 'UP6');
    const clash = path.join(environment.workDir(), 'clash');
    await mkdir(path.join(clash, 'a'), { recursive: true });
    await mkdir(path.join(clash, 'b'), { recursive: true });
    await writeFile(path.join(clash, 'a', 'same.txt'), 'a');
    await writeFile(path.join(clash, 'b', 'same.txt'), 'b');
    const clashing = await tributary('attachments', 'upload', '--page', pageId, clash, ...args);
    assert.equal(clashing.code, 2);
    assert.match(clashing.err, /would both be the attachment 'same\.txt'/);
    const missing = await tributary(
      'attachments',
      'upload',
      '--page',
      pageId,
      path.join(clash, 'nope.txt'),
      ...args,
    );
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Cannot read .*nope\.txt/);
    const badMode = await tributary(
      'attachments',
      'upload',
      '--page',
      pageId,
      '--on-exists',
      'merge',
      clash,
      ...args,
    );
    assert.equal(badMode.code, 2);
    assert.match(badMode.err, /--on-exists must be version, skip or fail/);
    assert.equal((await attachmentsOf(pageId)).length, 0);
  });

  it('reports a missing page as a failure (exit 1)', async () => {
    const result = await tributary(
      'attachments',
      'upload',
      '--page',
      '987654',
      path.join(folder, 'plain.txt'),
      ...args,
    );
    assert.equal(result.code, 1);
    assert.match(result.err, /answered 404/);
  });
});
