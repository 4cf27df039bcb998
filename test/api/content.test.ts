import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Page = { results: Json[]; size: number; limit: number; start: number; _links: Json };

describe('pages and blog posts on v1 and Data Center', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'DOCS');
  });
  after(() => site.dispose());

  it('creates a page with a storage body and reads it back with the default expansions', async () => {
    const created = await aPage(site, 'DOCS', 'Getting started', {
      body: '<p>Hello <strong>world</strong></p>',
    });
    assertMatchesSpec('dc', 'POST', '/rest/api/content', 200, created);
    assert.match(String(created.id), /^\d+$/);
    assert.equal(field(created, 'version', 'number'), 1);
    assert.equal(field(created, 'body', 'storage', 'value'), '<p>Hello <strong>world</strong></p>');

    const read = await site.request('GET', `/rest/api/content/${created.id}`);
    assert.equal(read.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}', 200, read.body);
    const page = read.body as Json;
    assert.equal(page.title, 'Getting started');
    assert.equal(field(page, 'space', 'key'), 'DOCS');
    assert.equal(field(page, 'version', 'by', 'username'), 'admin');
    assert.equal(field(page, 'history', 'createdBy', 'username'), 'admin');
    assert.equal(field(page, 'history', 'latest'), true);
    assert.equal(field(page, '_expandable', 'body'), '');
    assert.equal(field(page, '_expandable', 'children'), `/rest/api/content/${created.id}/child`);
    assert.equal(field(page, '_links', 'self'), `${site.url}/rest/api/content/${created.id}`);
  });

  it('renders body.view and converts storage through contentbody/convert', async () => {
    const created = await aPage(site, 'DOCS', 'Rendered', {
      body: '<p>Code:</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a < b]]></ac:plain-text-body></ac:structured-macro>',
    });
    const read = await site.request(
      'GET',
      `/wiki/rest/api/content/${created.id}?expand=body.view,body.storage`,
    );
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}', 200, read.body);
    assert.equal(field(read.body, 'body', 'view', 'value'), '<p>Code:</p><pre class="code">a &lt; b</pre>');
    assert.equal(field(read.body, 'body', 'view', 'representation'), 'view');
    const converted = await site.request('POST', '/rest/api/contentbody/convert/view', {
      json: { value: '<p>x<ac:emoticon ac:name="smile"/></p>', representation: 'storage' },
    });
    assert.equal(converted.status, 200);
    assert.equal((converted.body as Json).value, '<p>x</p>');
    const refused = await site.request('POST', '/rest/api/contentbody/convert/pdf', { json: { value: '' } });
    assert.equal(refused.status, 400);
  });

  it('builds a page tree with ancestors, children and descendants', async () => {
    const root = await aPage(site, 'DOCS', 'Handbook');
    const chapter = await aPage(site, 'DOCS', 'Chapter 1', { parentId: String(root.id) });
    const section = await aPage(site, 'DOCS', 'Section 1.1', { parentId: String(chapter.id) });

    const withAncestors = await site.request('GET', `/rest/api/content/${section.id}?expand=ancestors`);
    assert.deepEqual(
      (field(withAncestors.body, 'ancestors') as Json[]).map((ancestor) => ancestor.title),
      ['Handbook', 'Chapter 1'],
    );

    const children = await site.request('GET', `/rest/api/content/${root.id}/child/page`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/child/{type}', 200, children.body);
    assert.deepEqual(
      (children.body as Page).results.map((child) => child.title),
      ['Chapter 1'],
    );

    const descendants = await site.request('GET', `/rest/api/content/${root.id}/descendant/page`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/descendant/{type}', 200, descendants.body);
    assert.deepEqual(
      (descendants.body as Page).results.map((child) => child.title),
      ['Chapter 1', 'Section 1.1'],
    );

    const expanded = await site.request('GET', `/rest/api/content/${root.id}?expand=children.page.version`);
    const inline = field(expanded.body, 'children', 'page') as Page;
    assert.equal(inline.size, 1);
    assert.equal(field(inline.results[0], 'version', 'number'), 1);
    assert.equal(
      field(expanded.body, 'children', '_expandable', 'attachment'),
      `/rest/api/content/${root.id}/child/attachment`,
    );

    const childTypes = await site.request('GET', `/rest/api/content/${root.id}/child?expand=page`);
    assert.equal(childTypes.status, 200);
    assert.equal((field(childTypes.body, 'page') as Page).size, 1);

    // Whether there are children of each type, not the children.
    const all = await site.request('GET', `/wiki/rest/api/content/${root.id}?expand=childTypes.all`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}', 200, all.body);
    assert.deepEqual(
      Object.fromEntries(
        ['attachment', 'comment', 'page'].map((type) => [type, field(all.body, 'childTypes', type, 'value')]),
      ),
      { attachment: false, comment: false, page: true },
    );
    assert.match(String(field(all.body, 'childTypes', 'page', '_links', 'self')), /\/child\/page$/);
    const leaf = await site.request('GET', `/rest/api/content/${root.id}?expand=childTypes.page`);
    assert.deepEqual(Object.keys(field(leaf.body, 'childTypes') as Json).sort(), ['_expandable', 'page']);
  });

  it('refuses a second current page with the same title in a space, with 400 and nothing created', async () => {
    await aPage(site, 'DOCS', 'Unique title');
    const clash = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'Unique title', space: { key: 'DOCS' } },
    });
    assert.equal(clash.status, 400);
    assert.match(String((clash.body as Json).message), /already exists with the title Unique title/);
    const found = await site.request('GET', '/rest/api/content?spaceKey=DOCS&title=Unique%20title');
    assert.equal((found.body as Page).size, 1);
  });

  it('updates with version current+1, answers 409 for a stale version, and keeps history', async () => {
    const page = await aPage(site, 'DOCS', 'Versioned');
    const update = (number: number, title: string) =>
      site.request('PUT', `/rest/api/content/${page.id}`, {
        json: {
          type: 'page',
          title,
          version: { number, message: `edit ${number}` },
          body: { storage: { value: `<p>${title}</p>`, representation: 'storage' } },
        },
      });
    const second = await update(2, 'Versioned v2');
    assert.equal(second.status, 200);
    assertMatchesSpec('cloud-v1', 'PUT', '/wiki/rest/api/content/{id}', 200, second.body);
    assert.equal(field(second.body, 'version', 'number'), 2);
    assert.equal(field(second.body, 'version', 'message'), 'edit 2');

    const stale = await update(2, 'Versioned stale');
    assert.equal(stale.status, 409);
    assert.match(String((stale.body as Json).message), /Current version is: 2/);
    const skipped = await update(5, 'Versioned skip');
    assert.equal(skipped.status, 409);

    await update(3, 'Versioned v3');
    const versions = await site.request('GET', `/rest/api/content/${page.id}/version`);
    assert.deepEqual(
      (versions.body as Page).results.map((version) => version.number),
      [3, 2, 1],
    );
    const old = await site.request(
      'GET',
      `/rest/api/content/${page.id}?status=historical&version=1&expand=body.storage`,
    );
    assert.equal(old.status, 200);
    assert.equal((old.body as Json).status, 'historical');
    assert.equal((old.body as Json).title, 'Versioned');

    const restored = await site.request('POST', `/rest/api/content/${page.id}/version`, {
      json: { operationKey: 'restore', params: { versionNumber: 1, message: 'back', restoreTitle: true } },
    });
    assert.equal(restored.status, 200);
    assert.equal((restored.body as Json).number, 4);
    const current = await site.request('GET', `/rest/api/content/${page.id}?expand=body.storage`);
    assert.equal((current.body as Json).title, 'Versioned');
    assert.equal(field(current.body, 'body', 'storage', 'value'), '<p>Versioned</p>');

    // Cloud expands each version's content unless asked otherwise, and its collaborators when asked.
    const cloudVersions = await site.request('GET', `/wiki/rest/api/content/${page.id}/version`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}/version', 200, cloudVersions.body);
    const newest = (cloudVersions.body as Page).results[0] as Json;
    assert.equal(field(newest, 'content', 'id'), String(page.id));
    assert.equal('content' in (newest._expandable as Json), false);
    const withCollaborators = await site.request(
      'GET',
      `/wiki/rest/api/content/${page.id}/version/1?expand=collaborators`,
    );
    assertMatchesSpec(
      'cloud-v1',
      'GET',
      '/wiki/rest/api/content/{id}/version/{versionNumber}',
      200,
      withCollaborators.body,
    );
    const collaborators = field(withCollaborators.body, 'collaborators') as {
      users: Json[];
      userKeys: string[];
    };
    assert.equal(collaborators.userKeys.length, 1);
    assert.deepEqual(
      collaborators.users.map((user) => user.accountId),
      [field(withCollaborators.body, 'by', 'accountId')],
    );
    assert.equal('content' in (withCollaborators.body as Json), false);

    // Both v1 specs answer 400, not 404, for a version that never existed or is already gone.
    const noSuchRestore = await site.request('POST', `/rest/api/content/${page.id}/version`, {
      json: { operationKey: 'restore', params: { versionNumber: 99 } },
    });
    assert.equal(noSuchRestore.status, 400);
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}/version/2`)).status, 204);
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}/version/2`)).status, 400);
    assert.equal(
      (await site.request('DELETE', `/rest/experimental/content/${page.id}/version/4`)).status,
      400,
    );
    const after = await site.request('GET', `/rest/experimental/content/${page.id}/version`);
    assert.deepEqual(
      (after.body as Page).results.map((version) => version.number),
      [4, 3, 1],
    );
    // Data Center's versions say they are not hidden, and link to where it serves them.
    const [dcNewest] = (after.body as Page).results;
    assert.equal(dcNewest?.hidden, false);
    assert.match(
      String(field(dcNewest, '_links', 'self')),
      new RegExp(`/rest/experimental/content/${page.id}/version/4$`),
    );
    const cloud = await site.request('GET', `/wiki/rest/api/content/${page.id}/version/4`);
    assert.equal('hidden' in (cloud.body as Json), false);
    assert.match(
      String(field(cloud.body, '_links', 'self')),
      new RegExp(`/wiki/rest/api/content/${page.id}/version/4$`),
    );
  });

  it('updates a page whose body carries attachment-only fields, as clients that echo a GET send it', async () => {
    const page = await aPage(site, 'DOCS', 'Echoed');
    // A page's container is its space; scripts that PUT back what they read send it along.
    const updated = await site.request('PUT', `/rest/api/content/${page.id}`, {
      json: {
        type: 'page',
        title: 'Echoed v2',
        version: { number: 2 },
        container: { key: 'DOCS', type: 'global' },
        metadata: { labels: { results: [] } },
        body: { storage: { value: '<p>v2</p>', representation: 'storage' } },
      },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal((updated.body as Json).title, 'Echoed v2');
  });

  it('stores an ADF body as given on v1 and answers with it, as Markdown publishers send them', async () => {
    const adf = JSON.stringify({
      version: 1,
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Hello ADF' }] },
        {
          type: 'mediaSingle',
          content: [{ type: 'media', attrs: { type: 'file', id: 'a-file-id', collection: 'contentId-1' } }],
        },
      ],
    });
    const adfBody = { atlas_doc_format: { value: adf, representation: 'atlas_doc_format' } };
    const created = await site.request('POST', '/wiki/rest/api/content', {
      json: { type: 'page', title: 'ADF page', space: { key: 'DOCS' }, body: adfBody },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(field(created.body, 'body', 'atlas_doc_format', 'value'), adf);
    const id = String((created.body as Json).id);
    const read = await site.request('GET', `/wiki/rest/api/content/${id}?expand=body.atlas_doc_format`);
    assert.equal(field(read.body, 'body', 'atlas_doc_format', 'value'), adf);
    const asStorage = await site.request('GET', `/rest/api/content/${id}?expand=body.storage`);
    assert.equal(asStorage.status, 200);
    assert.match(String(field(asStorage.body, 'body', 'storage', 'value')), /Hello ADF/);
    const updated = await site.request('PUT', `/wiki/rest/api/content/${id}`, {
      json: { type: 'page', title: 'ADF page', version: { number: 2 }, body: adfBody },
    });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(field(updated.body, 'body', 'atlas_doc_format', 'value'), adf);
  });

  it('moves a page under another, refusing a move under its own descendant', async () => {
    const a = await aPage(site, 'DOCS', 'Move A');
    const b = await aPage(site, 'DOCS', 'Move B', { parentId: String(a.id) });
    const c = await aPage(site, 'DOCS', 'Move C');
    const moved = await site.request('PUT', `/rest/api/content/${b.id}`, {
      json: { type: 'page', title: 'Move B', version: { number: 2 }, ancestors: [{ id: c.id }] },
    });
    assert.equal(moved.status, 200);
    const underC = await site.request('GET', `/rest/api/content/${c.id}/child/page`);
    assert.deepEqual(
      (underC.body as Page).results.map((child) => child.title),
      ['Move B'],
    );
    const cycle = await site.request('PUT', `/rest/api/content/${c.id}`, {
      json: { type: 'page', title: 'Move C', version: { number: 2 }, ancestors: [{ id: b.id }] },
    });
    assert.equal(cycle.status, 400);
  });

  it('trashes, restores and purges a page with what is under it', async () => {
    const parent = await aPage(site, 'DOCS', 'Doomed');
    const child = await aPage(site, 'DOCS', 'Doomed child', { parentId: String(parent.id) });
    assert.equal((await site.request('DELETE', `/rest/api/content/${parent.id}`)).status, 204);
    assert.equal((await site.request('GET', `/rest/api/content/${parent.id}`)).status, 404);
    const trashed = await site.request('GET', `/rest/api/content/${parent.id}?status=trashed`);
    assert.equal((trashed.body as Json).status, 'trashed');
    const listed = await site.request('GET', '/rest/api/content?spaceKey=DOCS&status=trashed');
    assert.ok((listed.body as Page).results.some((item) => item.id === parent.id));

    const restored = await site.request('PUT', `/rest/api/content/${parent.id}`, {
      json: { type: 'page', title: 'Doomed', status: 'current', version: { number: 2 } },
    });
    assert.equal(restored.status, 200);
    assert.equal((restored.body as Json).status, 'current');

    await site.request('DELETE', `/rest/api/content/${parent.id}`);
    assert.equal((await site.request('DELETE', `/rest/api/content/${parent.id}?status=trashed`)).status, 204);
    assert.equal((await site.request('GET', `/rest/api/content/${parent.id}?status=any`)).status, 404);
    assert.equal((await site.request('GET', `/rest/api/content/${child.id}?status=any`)).status, 404);
  });

  it('creates blog posts and finds them by posting day', async () => {
    const post = await aPage(site, 'DOCS', 'Release notes', { type: 'blogpost' });
    assert.equal(post.type, 'blogpost');
    const today = new Date().toISOString().slice(0, 10);
    const found = await site.request(
      'GET',
      `/rest/api/content?type=blogpost&spaceKey=DOCS&postingDay=${today}`,
    );
    assertMatchesSpec('dc', 'GET', '/rest/api/content', 200, found.body);
    assert.deepEqual(
      (found.body as Page).results.map((item) => item.title),
      ['Release notes'],
    );
    const badDay = await site.request('GET', '/rest/api/content?type=blogpost&postingDay=yesterday');
    assert.equal(badDay.status, 400);
  });

  it('adds footer comments and replies, listed by depth and location, purged at once on delete', async () => {
    const page = await aPage(site, 'DOCS', 'Discussed');
    const comment = (body: Json) => site.request('POST', '/rest/api/content', { json: body });
    const first = await comment({
      type: 'comment',
      container: { id: page.id, type: 'page' },
      body: { storage: { value: '<p>First!</p>', representation: 'storage' } },
    });
    assert.equal(first.status, 200);
    const reply = await comment({
      type: 'comment',
      container: { id: page.id, type: 'page' },
      ancestors: [{ id: (first.body as Json).id }],
      body: { storage: { value: '<p>Reply</p>', representation: 'storage' } },
    });
    assert.equal(reply.status, 200);
    const roots = await site.request('GET', `/rest/api/content/${page.id}/child/comment?location=footer`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/child/comment', 200, roots.body);
    assert.equal((roots.body as Page).size, 1);
    const all = await site.request(
      'GET',
      `/rest/api/content/${page.id}/child/comment?depth=all&expand=container`,
    );
    assert.equal((all.body as Page).size, 2);
    assert.equal(field((all.body as Page).results[0], 'container', 'id'), page.id);

    assert.equal((await site.request('DELETE', `/rest/api/content/${(reply.body as Json).id}`)).status, 204);
    assert.equal(
      (await site.request('GET', `/rest/api/content/${(reply.body as Json).id}?status=any`)).status,
      404,
    );
  });

  it('answers bad input with clear errors in the right shape and changes nothing', async () => {
    const cases: [string, string, unknown, number][] = [
      ['GET', '/rest/api/content/999999', undefined, 404],
      ['GET', '/rest/api/content/abc', undefined, 400],
      ['GET', '/rest/api/content?type=widget', undefined, 400],
      ['POST', '/rest/api/content', { type: 'page', title: 'No space' }, 400],
      ['POST', '/rest/api/content', { type: 'page', title: '', space: { key: 'DOCS' } }, 400],
      ['POST', '/rest/api/content', { type: 'page', title: 'Ghost', space: { key: 'NOPE' } }, 404],
      ['POST', '/rest/api/content', { type: 'widget', title: 'x', space: { key: 'DOCS' } }, 400],
      ['PUT', '/rest/api/content/999999', { version: { number: 2 } }, 404],
      ['GET', '/rest/api/content/1/child/widget', undefined, 400],
      ['GET', '/rest/api/content/1?expand=a.b.c.d.e.f.g.h.i', undefined, 400],
    ];
    for (const [method, path, json, status] of cases) {
      const response = await site.request(method, path, json === undefined ? {} : { json });
      assert.equal(response.status, status, `${method} ${path}: ${response.text}`);
      assert.equal((response.body as Json).statusCode, status);
    }
    const oversize = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'page',
        title: 'Huge',
        space: { key: 'DOCS' },
        body: { storage: { value: 'x'.repeat(6 * 1024 * 1024) } },
      },
    });
    assert.equal(oversize.status, 413);
    assert.equal((oversize.body as Json).statusCode, 413);
    const huge = await site.request('GET', '/rest/api/content?spaceKey=DOCS&title=Huge');
    assert.equal((huge.body as Page).size, 0);
    const malformed = await site.request('POST', '/rest/api/content', {
      body: '{"type":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
  });
});
