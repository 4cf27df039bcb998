/**
 * 10,000 attachments on one page, seeded through the server's own store (as bench/attachments.ts does)
 * so the test spends its time in the toolkit, not in uploads.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { anUpload } from '../support/builders.ts';
import { seedAttachments } from '../support/seed-attachments.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, connectionArgs, isolateEnvironment, jsonOf } from './toolkit-support.ts';

const seededCount = 10_000;
const seededTitle = (n: number) => `seeded-${String(n).padStart(5, '0')}.txt`;

interface Listed {
  id: string;
  title: string;
}

describe('a page with 10,000 attachments', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];
  let pageId: string;

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
    pageId = await aPageToWorkOn(site, 'BIG');
    const template = await anUpload(site, pageId, [
      { name: 'template.txt', content: 'same bytes everywhere' },
    ]);
    const templateId = (template.body as { results: Array<{ id: string }> }).results[0]?.id ?? '';
    await seedAttachments(site.server.site.services.store, {
      pageId: Number(pageId),
      templateId: Number(templateId.replace(/^att/, '')),
      count: seededCount,
      title: seededTitle,
    });
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  const assertEveryOnce = (listed: Listed[]) => {
    assert.equal(listed.length, seededCount + 1);
    assert.equal(new Set(listed.map((entry) => entry.id)).size, seededCount + 1, 'no attachment twice');
    const titles = new Set(listed.map((entry) => entry.title));
    for (const n of [0, 1, 4_999, 5_000, 9_999]) assert.ok(titles.has(seededTitle(n)), seededTitle(n));
  };

  it('lists every one exactly once through v2 cursors', async () => {
    assertEveryOnce(await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, ...args));
  });

  it('lists every one exactly once through Data Center offsets', async () => {
    assertEveryOnce(
      await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, '--flavour', 'datacenter', ...args),
    );
  });

  it('downloads a filtered slice of them', async () => {
    const dir = path.join(environment.workDir(), 'slice');
    await jsonOf('attachments', 'download', '--page', pageId, '--name', 'seeded-0999?.txt', dir, ...args);
    const files = await readdir(path.join(dir, pageId));
    assert.equal(files.length, 10);
    assert.equal(await readFile(path.join(dir, pageId, seededTitle(9_990)), 'utf8'), 'same bytes everywhere');
  });

  it('plans an upload against all of them: identical bytes skipped, new names uploaded', async () => {
    const files = path.join(environment.workDir(), 'upload');
    await mkdir(files);
    await writeFile(path.join(files, seededTitle(1_234)), 'same bytes everywhere');
    await writeFile(path.join(files, seededTitle(4_321)), 'different bytes');
    await writeFile(path.join(files, 'brand new.txt'), 'new');
    const report = await jsonOf<{ items: Array<{ name: string; outcome: string; detail: string }> }>(
      'attachments',
      'upload',
      '--page',
      pageId,
      '--dry-run',
      files,
      ...args,
    );
    assert.deepEqual(report.items.map((item) => [item.name, item.outcome, item.detail]).sort(), [
      ['brand new.txt', 'done', 'new attachment'],
      [seededTitle(1_234), 'skipped', 'identical'],
      [seededTitle(4_321), 'done', 'new version'],
    ]);
  });
});
