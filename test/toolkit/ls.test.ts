import assert from 'node:assert/strict';
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

interface Listed {
  id: string;
  title: string;
  status: string;
  containerId: string;
  mediaType: string;
  sizeBytes: number;
  versionNumber: number;
  createdAt: string;
  modifiedAt: string;
}

describe('tributary attachments ls', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let pageId: string;
  let childId: string;
  let grandchildId: string;
  let blogPostId: string;
  let args: string[];

  const titlesOf = (listed: Listed[]) => listed.map((entry) => entry.title).sort();

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
    pageId = await aPageToWorkOn(site, 'LS');
    childId = String((await aPage(site, 'LS', 'Child', { parentId: pageId })).id);
    grandchildId = String((await aPage(site, 'LS', 'Grandchild', { parentId: childId })).id);
    blogPostId = String((await aPage(site, 'LS', 'News', { type: 'blogpost' })).id);
    await anUpload(site, pageId, [
      { name: 'Diagram.PNG', content: new Uint8Array(2048), type: 'image/png' },
      { name: 'report final, v2.pdf', content: new Uint8Array(10_000), type: 'application/pdf' },
      { name: 'naïve 100% «notes».txt', content: 'unicode, spaces and a percent sign', type: 'text/plain' },
    ]);
    await anUpload(site, childId, [{ name: 'child.txt', content: 'child', type: 'text/plain' }]);
    await anUpload(site, grandchildId, [
      { name: 'grandchild.txt', content: 'grandchild', type: 'text/plain' },
    ]);
    await anUpload(site, blogPostId, [
      { name: 'news.jpg', content: new Uint8Array(500), type: 'image/jpeg' },
    ]);
    const doomed = await anUpload(site, pageId, [{ name: 'doomed.txt', content: 'bye', type: 'text/plain' }]);
    const doomedId = (doomed.body as { results: Array<{ id: string }> }).results[0]?.id;
    assert.equal((await site.request('DELETE', `/wiki/api/v2/attachments/${doomedId}`)).status, 204);
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it("prints a page's current attachments as a table, names with spaces, unicode and % intact", async () => {
    const out = await succeeds('attachments', 'ls', '--page', pageId, ...args);
    const lines = out.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+PAGE\s+SIZE\s+MODIFIED\s+VERSION\s+STATUS\s+MEDIA TYPE\s+NAME$/);
    assert.ok(lines.some((line) => line.endsWith('naïve 100% «notes».txt')));
    assert.ok(lines.some((line) => /\b9\.8 KiB\b.*report final, v2\.pdf$/.test(line)));
    assert.ok(!out.includes('doomed.txt'), 'trashed attachments are not current');
    assert.equal(lines.at(-1), '3 attachments, 12 KiB');
  });

  it('answers JSON with the same facts the server holds', async () => {
    const listed = await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, ...args);
    const server = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments`);
    const results = (server.body as { results: Array<Record<string, unknown>> }).results;
    assert.deepEqual(
      listed
        .map((entry) => [entry.id, entry.title, entry.sizeBytes, entry.mediaType, entry.containerId])
        .sort(),
      results.map((entry) => [entry.id, entry.title, entry.fileSize, entry.mediaType, pageId]).sort(),
    );
    assert.ok(listed.every((entry) => entry.status === 'current' && entry.versionNumber === 1));
  });

  it('takes in every page below with --tree, and every page and blog post with --space', async () => {
    const page = await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, ...args);
    const tree = await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, '--tree', ...args);
    const space = await jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...args);
    const subtree = await jsonOf<Listed[]>('attachments', 'ls', '--page', childId, '--tree', ...args);
    assert.equal(page.length, 3);
    assert.deepEqual(titlesOf(tree), [...titlesOf(page), 'child.txt', 'grandchild.txt'].sort());
    assert.deepEqual(titlesOf(space), [...titlesOf(tree), 'news.jpg'].sort());
    assert.deepEqual(titlesOf(subtree), ['child.txt', 'grandchild.txt']);
    const blogPost = await jsonOf<Listed[]>('attachments', 'ls', '--page', blogPostId, ...args);
    assert.deepEqual(titlesOf(blogPost), ['news.jpg'], '--page takes a blog post too');
  });

  it('lists what a CQL query finds: attachments directly, or the attachments of the pages it finds', async () => {
    const cql = `type = attachment and (container = ${childId} or container = ${grandchildId})`;
    const attachments = await jsonOf<Listed[]>('attachments', 'ls', '--cql', cql, ...args);
    assert.deepEqual(titlesOf(attachments), ['child.txt', 'grandchild.txt']);
    const ofPages = await jsonOf<Listed[]>(
      'attachments',
      'ls',
      '--cql',
      'type = page and title = "Grandchild"',
      ...args,
    );
    assert.deepEqual(titlesOf(ofPages), ['grandchild.txt']);
  });

  it('filters by name and media type globs (ignoring case) and by size', async () => {
    const ls = (...filters: string[]) =>
      jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...filters, ...args);
    assert.deepEqual(titlesOf(await ls('--name', '*.png')), ['Diagram.PNG']);
    assert.deepEqual(titlesOf(await ls('--media-type', 'image/*')), ['Diagram.PNG', 'news.jpg']);
    assert.deepEqual(titlesOf(await ls('--min-size', '2KiB')), ['Diagram.PNG', 'report final, v2.pdf']);
    assert.deepEqual(titlesOf(await ls('--min-size', '1KB', '--max-size', '2048')), ['Diagram.PNG']);
    assert.deepEqual(titlesOf(await ls('--name', '*100%*')), ['naïve 100% «notes».txt']);
  });

  it('filters by creation and modification time', async () => {
    const all = await jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...args);
    const times = [...new Set(all.map((entry) => entry.createdAt))].sort();
    const middle = times[Math.floor(times.length / 2)] ?? '';
    const ls = (...filters: string[]) =>
      jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...filters, ...args);
    const before = await ls('--created-before', middle);
    const since = await ls('--created-after', middle);
    assert.ok(before.length > 0 && since.length > 0);
    assert.ok(before.every((entry) => entry.createdAt < middle));
    assert.ok(since.every((entry) => entry.createdAt >= middle));
    assert.equal(before.length + since.length, all.length);
    assert.equal((await ls('--modified-before', '2000-01-01')).length, 0);
    assert.equal((await ls('--modified-after', '1d')).length, all.length);
  });

  it('shows trashed attachments with --status trashed, and both with --status all', async () => {
    const trashed = await jsonOf<Listed[]>(
      'attachments',
      'ls',
      '--page',
      pageId,
      '--status',
      'trashed',
      ...args,
    );
    assert.deepEqual(
      trashed.map((entry) => [entry.title, entry.status]),
      [['doomed.txt', 'trashed']],
    );
    const all = await jsonOf<Listed[]>('attachments', 'ls', '--page', pageId, '--status', 'all', ...args);
    assert.equal(all.length, 4);
    // CQL finds the trash only when asked to search it, as the help's example does.
    const cql = `type = attachment and container = ${pageId}`;
    const found = await jsonOf<Listed[]>('attachments', 'ls', '--cql', cql, '--status', 'trashed', ...args);
    assert.deepEqual(
      found.map((entry) => [entry.title, entry.status]),
      [['doomed.txt', 'trashed']],
    );
    assert.equal(
      (await jsonOf<Listed[]>('attachments', 'ls', '--cql', cql, '--status', 'all', ...args)).length,
      4,
    );
  });

  it('writes CSV with a header row, quoting names that need it', async () => {
    const out = await succeeds('attachments', 'ls', '--page', pageId, '--csv', '--name', 'report*', ...args);
    const [header, row, rest] = out.split('\n');
    assert.match(
      header ?? '',
      /^id,title,status,containerId,containerType,mediaType,sizeBytes,versionNumber,/,
    );
    assert.match(row ?? '', /^att\d+,"report final, v2\.pdf",current,\d+,page,application\/pdf,10000,1,/);
    assert.equal(rest, '');
    const none = await succeeds(
      'attachments',
      'ls',
      '--page',
      pageId,
      '--csv',
      '--name',
      'nothing*',
      ...args,
    );
    assert.equal(none, `${header}\n`, 'the header row even when nothing is found');
  });

  it('lists the same attachments through the Data Center APIs, trashed ones included', async () => {
    const dc = [...args, '--flavour', 'datacenter'];
    const current = await jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...dc);
    const cloud = await jsonOf<Listed[]>('attachments', 'ls', '--space', 'LS', ...args);
    assert.deepEqual(titlesOf(current), titlesOf(cloud));
    assert.ok(
      current.every((entry) => /^\d+$/.test(entry.id)),
      'Data Center ids carry no att prefix',
    );
    assert.deepEqual(
      current.map((entry) => [entry.title, entry.sizeBytes, entry.mediaType, entry.createdAt]).sort(),
      cloud.map((entry) => [entry.title, entry.sizeBytes, entry.mediaType, entry.createdAt]).sort(),
    );
    const trashed = await jsonOf<Listed[]>(
      'attachments',
      'ls',
      '--page',
      pageId,
      '--status',
      'trashed',
      ...dc,
    );
    assert.deepEqual(titlesOf(trashed), ['doomed.txt']);
  });

  it('refuses unusable selectors and filters before sending anything (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--page', pageId, '--space', 'LS'], /exactly one of --page, --space or --cql/],
      [[], /exactly one of --page, --space or --cql/],
      [['--space', 'LS', '--tree'], /--tree goes with --page/],
      [['--page', 'abc'], /--page must be a content id/],
      [['--page', pageId, '--min-size', 'huge'], /--min-size must be a size/],
      [['--page', pageId, '--modified-before', 'yesterday'], /--modified-before must be a date/],
      [['--page', pageId, '--status', 'deleted'], /--status must be current, trashed or all/],
      [['--page', pageId, '--json', '--csv'], /one of --json and --csv/],
    ];
    // Nothing listens there: a request would end in exit 1, so exit 2 shows none was sent.
    const nowhere = ['--url', 'http://127.0.0.1:9', '--user', 'admin', '--token', 'x'];
    for (const [flags, message] of cases) {
      const result = await tributary('attachments', 'ls', ...flags, ...nowhere);
      assert.equal(result.code, 2, `${flags.join(' ')}: ${result.err}`);
      assert.match(result.err, message);
      assert.equal(result.out, '');
    }
  });

  it("fails with the server's answer when the page or space does not exist (exit 1)", async () => {
    const result = await tributary('attachments', 'ls', '--page', '987654', ...args);
    assert.equal(result.code, 1);
    assert.match(
      result.err,
      /^tributary: GET \/wiki\/api\/v2\/pages\/987654 answered 404: No page or blog post with id 987654/,
    );
    const dc = await tributary('attachments', 'ls', '--page', '987654', '--flavour', 'datacenter', ...args);
    assert.equal(dc.code, 1);
    assert.match(dc.err, /^tributary: GET \/rest\/api\/content\/987654\?expand=space answered 404/);
    // A space that is not there is no empty space: a typo must not list nothing and succeed.
    const noSpace = await tributary('attachments', 'ls', '--space', 'NOPE', ...args);
    assert.equal(noSpace.code, 1);
    assert.match(noSpace.err, /answered 404: No space with key NOPE/);
  });
});
