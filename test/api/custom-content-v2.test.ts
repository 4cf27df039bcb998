import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface Custom {
  id: string;
  type: string;
  status: string;
  title: string;
  spaceId: string;
  pageId?: string;
  blogPostId?: string;
  customContentId?: string;
  version: { number: number; message: string };
  body?: Record<string, { representation: string; value: string }>;
  _links: Record<string, string>;
}
interface V2List<T = Custom> {
  results: T[];
  _links: { next?: string; base: string };
}

const appType = 'ac:com.example.app:note';
const raw = (value: string) => ({ representation: 'raw', value });
const storage = (value: string) => ({ representation: 'storage', value });

describe('custom content on Cloud v2', () => {
  let site: TestServer;
  let spaceId: string;
  let pageId: string;
  let blogId: string;
  const outsider: [string, string] = ['otto', 'otto-pw'];

  const v2 = (method: string, path: string, options?: RequestOptions) =>
    site.request(method, `/wiki/api/v2${path}`, options);

  async function ok(method: string, template: string, path: string, options?: RequestOptions, status = 200) {
    const response = await v2(method, path, options);
    assert.equal(response.status, status, `${method} ${path}: ${response.text}`);
    assertMatchesSpec('cloud-v2', method, template, status, response.body);
    return response;
  }

  const create = async (json: Json) =>
    (await ok('POST', '/custom-content', '/custom-content', { json: { type: appType, ...json } }, 201))
      .body as Custom;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'otto');
    await aSpace(site, 'CUST');
    spaceId = String(((await site.request('GET', '/rest/api/space/CUST')).body as Json).id);
    pageId = String((await aPage(site, 'CUST', 'Host page')).id);
    blogId = String((await aPage(site, 'CUST', 'Host post', { type: 'blogpost' })).id);
  });
  after(() => site.dispose());

  it('creates custom content in a space, a page, a blog post and other custom content, and reads it back', async () => {
    const response = await ok(
      'POST',
      '/custom-content',
      '/custom-content',
      {
        json: { type: appType, spaceId, title: 'In the space', body: raw('{"n":1}') },
      },
      201,
    );
    const inSpace = response.body as Custom;
    assert.equal(response.headers.get('location'), `${site.url}/wiki/api/v2/custom-content/${inSpace.id}`);
    assert.equal(inSpace.type, appType);
    assert.equal(inSpace.spaceId, spaceId);
    assert.equal(inSpace.pageId, undefined);
    const onPage = await create({ pageId, title: 'On the page', body: storage('<p>hi</p>') });
    assert.equal(onPage.pageId, pageId);
    assert.equal(onPage.spaceId, spaceId);
    assert.deepEqual(onPage.body, { storage: storage('<p>hi</p>') });
    const onBlog = await create({ blogPostId: blogId, title: 'On the post', body: { raw: { value: 'x' } } });
    assert.equal(onBlog.blogPostId, blogId);
    const nested = await create({ customContentId: inSpace.id, title: 'Nested', body: raw('y') });
    assert.equal(nested.customContentId, inSpace.id);

    const read = (await ok('GET', '/custom-content/{id}', `/custom-content/${inSpace.id}?body-format=raw`))
      .body as Custom;
    assert.deepEqual(read.body, { raw: raw('{"n":1}') });
    assert.equal(read.title, 'In the space');
    // Raw text has no rendering; storage content renders to a view.
    const rawAsView = (
      await ok('GET', '/custom-content/{id}', `/custom-content/${inSpace.id}?body-format=view`)
    ).body as Custom;
    assert.deepEqual(rawAsView.body, {});
    const view = (await ok('GET', '/custom-content/{id}', `/custom-content/${onPage.id}?body-format=view`))
      .body as Custom;
    assert.match(view.body?.view?.value ?? '', /hi/);

    const children = (
      await ok('GET', '/custom-content/{id}/children', `/custom-content/${inSpace.id}/children`)
    ).body as V2List<{ id: string; type: string }>;
    assert.deepEqual(
      children.results.map((child) => [child.id, child.type]),
      [[nested.id, appType]],
    );
    const onThePage = (
      await ok('GET', '/pages/{id}/custom-content', `/pages/${pageId}/custom-content?type=${appType}`)
    ).body as V2List;
    assert.deepEqual(
      onThePage.results.map((item) => item.id),
      [onPage.id],
    );
    const onThePost = (
      await ok('GET', '/blogposts/{id}/custom-content', `/blogposts/${blogId}/custom-content?type=${appType}`)
    ).body as V2List;
    assert.deepEqual(
      onThePost.results.map((item) => item.id),
      [onBlog.id],
    );
    const inTheSpace = (
      await ok(
        'GET',
        '/spaces/{id}/custom-content',
        `/spaces/${spaceId}/custom-content?type=${appType}&limit=250`,
      )
    ).body as V2List;
    assert.deepEqual(
      inTheSpace.results.map((item) => item.id).sort(),
      [inSpace.id, onPage.id, onBlog.id, nested.id].sort(),
    );
  });

  it('lists custom content by its app type only, and keeps it out of page lists and searches', async () => {
    const other = await create({ spaceId, title: 'Another app', type: 'ac:other:thing', body: raw('z') });
    const mine = await create({ spaceId, title: 'Mine to list', body: raw('z') });
    const listed = (
      await ok('GET', '/custom-content', `/custom-content?type=ac:other:thing&space-id=${spaceId}`)
    ).body as V2List;
    assert.deepEqual(
      listed.results.map((item) => item.id),
      [other.id],
    );
    const byId = (
      await ok('GET', '/custom-content', `/custom-content?type=${appType}&id=${mine.id}&body-format=raw`)
    ).body as V2List;
    assert.deepEqual(byId.results[0]?.body, { raw: raw('z') });
    assertV2Error(await v2('GET', '/custom-content'), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', `/custom-content?type=${appType}&sort=bogus`), 400, 'BAD_REQUEST');
    const pages = (await ok('GET', '/spaces/{id}/pages', `/spaces/${spaceId}/pages?limit=250`))
      .body as V2List;
    assert.ok(!pages.results.some((item) => item.id === mine.id));
    const v1 = (await site.request('GET', '/rest/api/content?spaceKey=CUST&limit=500')).body as {
      results: Json[];
    };
    assert.ok(!v1.results.some((item) => item.id === mine.id));
    for (const cql of ['space = CUST', 'type != page']) {
      const found = (await site.request('GET', `/rest/api/search?cql=${encodeURIComponent(cql)}&limit=200`))
        .body as { results: { content?: Json }[] };
      assert.ok(!found.results.some((result) => result.content?.id === mine.id), cql);
    }
    assertV2Error(await v2('GET', `/pages/${mine.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/custom-content/${pageId}`), 404, 'NOT_FOUND');
  });

  it('refuses bad input with a 400 and a missing container with a 404, creating nothing', async () => {
    const count = async () =>
      ((await v2('GET', `/spaces/${spaceId}/custom-content?type=${appType}&limit=250`)).body as V2List)
        .results.length;
    const before = await count();
    for (const json of [
      { spaceId, title: 'No type', body: raw('x') },
      { type: appType, spaceId, body: raw('x') },
      { type: appType, spaceId, title: 'No body' },
      { type: appType, title: 'Nowhere', body: raw('x') },
      { type: appType, spaceId, pageId, title: 'Two places', body: raw('x') },
      { type: appType, spaceId, title: 'Bad body', body: { representation: 'wiki', value: 'x' } },
      { type: appType, spaceId, title: 'Bad status', body: raw('x'), status: 'trashed' },
      { type: '', spaceId, title: 'Empty type', body: raw('x') },
    ]) {
      assertV2Error(await v2('POST', '/custom-content', { json }), 400, 'BAD_REQUEST');
    }
    assertV2Error(
      await v2('POST', '/custom-content', {
        json: { type: appType, pageId: blogId, title: 'x', body: raw('x') },
      }),
      404,
      'NOT_FOUND',
    );
    assertV2Error(
      await v2('POST', '/custom-content', {
        json: { type: appType, spaceId: '999999', title: 'x', body: raw('x') },
      }),
      404,
      'NOT_FOUND',
    );
    assert.equal(await count(), before);
  });

  it('updates with the next version number, keeps each version, and refuses a stale one or a new type', async () => {
    const item = await create({ spaceId, title: 'Versioned', body: raw('v1') });
    const path = `/custom-content/${item.id}`;
    const update = (json: Json) =>
      v2('PUT', path, {
        json: { id: item.id, type: appType, status: 'current', title: 'Versioned', ...json },
      });
    const updated = await update({
      title: 'Versioned twice',
      body: raw('v2'),
      version: { number: 2, message: 'second' },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/custom-content/{id}', 200, updated.body);
    assert.equal((updated.body as Custom).version.number, 2);
    assertV2Error(await update({ body: raw('v3'), version: { number: 2 } }), 409, 'CONFLICT');
    assertV2Error(
      await update({ type: 'ac:other:type', body: raw('v3'), version: { number: 3 } }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(await update({ pageId, body: raw('v3'), version: { number: 3 } }), 400, 'BAD_REQUEST');
    assertV2Error(await update({ body: raw('v3') }), 400, 'BAD_REQUEST');

    const versions = (
      await ok('GET', '/custom-content/{custom-content-id}/versions', `${path}/versions?body-format=raw`)
    ).body as V2List<{ number: number; message: string; custom: { title: string; body?: Json } }>;
    assert.deepEqual(
      versions.results.map((version) => [version.number, version.custom.title, version.custom.body]),
      [
        [2, 'Versioned twice', { raw: raw('v2') }],
        [1, 'Versioned', { raw: raw('v1') }],
      ],
    );
    const first = (
      await ok('GET', '/custom-content/{custom-content-id}/versions/{version-number}', `${path}/versions/1`)
    ).body as { number: number; nextVersion?: number; prevVersion?: number };
    assert.equal(first.number, 1);
    assert.equal(first.nextVersion, 2);
    assert.equal(first.prevVersion, undefined);
    assertV2Error(await v2('GET', `${path}/versions/9`), 404, 'NOT_FOUND');
    const old = (await ok('GET', '/custom-content/{id}', `${path}?version=1&body-format=raw`)).body as Custom;
    assert.deepEqual(old.body, { raw: raw('v1') });
  });

  it('trashes on delete, purges with purge=true, and takes its properties, labels, comments and attachments', async () => {
    const item = await create({ pageId, title: 'With everything', body: raw('x') });
    const path = `/custom-content/${item.id}`;
    const property = (
      await ok('POST', '/custom-content/{custom-content-id}/properties', `${path}/properties`, {
        json: { key: 'state', value: { open: true } },
      })
    ).body as { id: string };
    const propertyRead = (
      await ok(
        'GET',
        '/custom-content/{custom-content-id}/properties/{property-id}',
        `${path}/properties/${property.id}`,
      )
    ).body as { value: Json };
    assert.deepEqual(propertyRead.value, { open: true });
    const labelled = await site.request('POST', `/rest/api/content/${item.id}/label`, {
      json: [{ prefix: 'global', name: 'app-note' }],
    });
    assert.equal(labelled.status, 200, labelled.text);
    const labels = (await ok('GET', '/custom-content/{id}/labels', `${path}/labels`)).body as V2List<{
      name: string;
    }>;
    assert.deepEqual(
      labels.results.map((label) => label.name),
      ['app-note'],
    );
    const comment = await v2('POST', '/footer-comments', {
      json: { customContentId: item.id, body: storage('<p>a remark</p>') },
    });
    assert.equal(comment.status, 201, comment.text);
    assert.equal((comment.body as Json).customContentId, item.id);
    const comments = (await ok('GET', '/custom-content/{id}/footer-comments', `${path}/footer-comments`))
      .body as V2List<{ id: string }>;
    assert.deepEqual(
      comments.results.map((c) => c.id),
      [(comment.body as Json).id],
    );
    const uploaded = await anUpload(site, item.id, [{ name: 'note.txt', content: 'hello' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    const attachments = (await ok('GET', '/custom-content/{id}/attachments', `${path}/attachments`))
      .body as V2List<{ title: string }>;
    assert.deepEqual(
      attachments.results.map((a) => a.title),
      ['note.txt'],
    );
    const ops = (await ok('GET', '/custom-content/{id}/operations', `${path}/operations`)).body as {
      operations: { operation: string }[];
    };
    assert.deepEqual(
      ops.operations.map((op) => op.operation),
      ['read', 'update', 'delete'],
    );

    const trashedPost = String(
      (await aPage(site, 'CUST', 'Post bound for the bin', { type: 'blogpost' })).id,
    );
    const held = await create({ blogPostId: trashedPost, title: 'Held by a trashed post', body: raw('t') });
    const listedIds = async () =>
      ((await v2('GET', `/custom-content?type=${appType}&limit=250`)).body as V2List).results.map(
        (entry) => entry.id,
      );
    assert.ok((await listedIds()).includes(held.id));
    assert.equal((await v2('DELETE', `/blogposts/${trashedPost}`)).status, 204);
    assert.ok(!(await listedIds()).includes(held.id), 'custom content goes to the trash with its blog post');

    assert.equal((await v2('DELETE', path)).status, 204);
    assert.equal(((await ok('GET', '/custom-content/{id}', path)).body as Custom).status, 'trashed');
    const listed = (await v2('GET', `/pages/${pageId}/custom-content?type=${appType}`)).body as V2List;
    assert.ok(!listed.results.some((entry) => entry.id === item.id));
    assert.equal((await v2('DELETE', `${path}?purge=true`)).status, 204);
    assertV2Error(await v2('GET', path), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `${path}/properties/${property.id}`), 404, 'NOT_FOUND');
  });

  it('is hidden with a restricted page, and refuses writes to those who may not edit', async () => {
    const holder = String((await aPage(site, 'CUST', 'Restricted host')).id);
    const item = await create({ pageId: holder, title: 'Secret note', body: raw('s') });
    const readable = await v2('GET', `/custom-content/${item.id}`, { auth: outsider });
    assert.equal(readable.status, 200, readable.text);
    const guarded = await site.request('PUT', `/rest/api/content/${holder}/restriction`, {
      json: [{ operation: 'update', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.equal(guarded.status, 200, guarded.text);
    const refused = await v2('POST', '/custom-content', {
      auth: outsider,
      json: { type: appType, pageId: holder, title: 'Not allowed', body: raw('x') },
    });
    assert.equal(refused.status, 403, refused.text);
    const hidden = await site.request('PUT', `/rest/api/content/${holder}/restriction`, {
      json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.equal(hidden.status, 200, hidden.text);
    for (const path of [`/custom-content/${item.id}`, `/pages/${holder}/custom-content?type=${appType}`]) {
      assertV2Error(await v2('GET', path, { auth: outsider }), 404, 'NOT_FOUND');
    }
    const all = (await v2('GET', `/custom-content?type=${appType}&limit=250`, { auth: outsider }))
      .body as V2List;
    assert.ok(!all.results.some((entry) => entry.id === item.id));
    assertV2Error(await v2('DELETE', `/custom-content/${item.id}`, { auth: outsider }), 404, 'NOT_FOUND');
    assert.equal((await v2('GET', `/custom-content/${item.id}`, { auth: null })).status, 401);
  });
});
