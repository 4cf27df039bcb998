import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import {
  type RequestOptions,
  startTestServer,
  type TestResponse,
  type TestServer,
} from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface V2Version {
  number: number;
  createdAt: string;
  message: string;
  minorEdit: boolean;
  authorId?: string;
}
interface V2Content {
  id: string;
  status: string;
  title: string;
  spaceId: string;
  parentId?: string;
  parentType?: string;
  authorId?: string;
  ownerId?: string | null;
  createdAt: string;
  version?: V2Version;
  body?: Record<string, { representation: string; value: string }>;
  _links: Record<string, string>;
}
interface V2List<T = V2Content> {
  results: T[];
  _links: { next?: string; base: string };
}

describe('pages and blog posts on Cloud v2', () => {
  let site: TestServer;
  let spaceId: string;
  let homepageId: string;
  let adminAccountId: string;

  const v2 = (method: string, path: string, options?: RequestOptions) =>
    site.request(method, `/wiki/api/v2${path}`, options);

  /** A 200 whose body the spec's schema for the operation accepts. */
  async function ok(method: string, template: string, path: string, options?: RequestOptions) {
    const response = await v2(method, path, options);
    assert.equal(response.status, 200, `${method} ${path}: ${response.text}`);
    assertMatchesSpec('cloud-v2', method, template, 200, response.body);
    return response;
  }

  const getPage = async (id: string, query = '') =>
    (await ok('GET', '/pages/{id}', `/pages/${id}${query}`)).body as V2Content;

  const pageIdsInSpace = async (query = '') => {
    const list = (await ok('GET', '/spaces/{id}/pages', `/spaces/${spaceId}/pages?limit=250${query}`))
      .body as V2List;
    return list.results.map((page) => page.id);
  };

  const createV2Page = async (json: Json, query = '') =>
    (await ok('POST', '/pages', `/pages${query}`, { json: { spaceId, ...json } })).body as V2Content;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'TREE');
    const space = (await site.request('GET', '/rest/api/space/TREE?expand=homepage')).body as Json;
    spaceId = String(space.id);
    homepageId = String(field(space, 'homepage', 'id'));
    adminAccountId = String(
      ((await site.request('GET', '/wiki/rest/api/user/current')).body as Json).accountId,
    );
  });
  after(() => site.dispose());

  it('reads a page tree and a blog post made on v1 with the same ids, versions and times', async () => {
    const root = await aPage(site, 'TREE', 'Handbook');
    const chapter = await aPage(site, 'TREE', 'Chapter', { parentId: String(root.id) });
    const blog = await aPage(site, 'TREE', 'Launch news', { type: 'blogpost' });

    for (const created of [root, chapter]) {
      const v1 = (await site.request('GET', `/wiki/rest/api/content/${created.id}?expand=history,version`))
        .body as Json;
      const page = await getPage(String(created.id));
      assert.equal(page.id, String(v1.id));
      assert.equal(page.title, v1.title);
      assert.equal(page.status, 'current');
      assert.equal(page.spaceId, spaceId);
      assert.equal(page.createdAt, field(v1, 'history', 'createdDate'));
      assert.equal(page.version?.number, field(v1, 'version', 'number'));
      assert.equal(page.version?.createdAt, field(v1, 'version', 'when'));
      assert.equal(page.authorId, adminAccountId);
      assert.equal(page.version?.authorId, adminAccountId);
      assert.equal(page.ownerId, adminAccountId);
      assert.equal(page._links.webui, field(v1, '_links', 'webui'));
      assert.equal(page._links.base, `${site.url}/wiki`);
      assert.match(page._links.tinyui ?? '', /^\/x\/[A-Za-z0-9_-]+$/);
      assert.equal(page.body, undefined);
    }
    assert.equal((await getPage(String(chapter.id))).parentId, String(root.id));
    assert.equal((await getPage(String(chapter.id))).parentType, 'page');
    assert.equal((await getPage(String(root.id))).parentId, undefined);

    const post = (await ok('GET', '/blogposts/{id}', `/blogposts/${blog.id}`)).body as V2Content;
    const v1Blog = (await site.request('GET', `/wiki/rest/api/content/${blog.id}?expand=history,version`))
      .body as Json;
    assert.equal(post.id, String(blog.id));
    assert.equal(post.createdAt, field(v1Blog, 'history', 'createdDate'));
    assert.equal(post.version?.number, 1);
    assert.equal(post._links.webui, field(v1Blog, '_links', 'webui'));
    assert.equal(post.parentId, undefined);

    const ancestors = await ok('GET', '/pages/{id}/ancestors', `/pages/${chapter.id}/ancestors`);
    assert.deepEqual((ancestors.body as V2List).results, [{ id: String(root.id), type: 'page' }]);
    const children = await ok('GET', '/pages/{id}/children', `/pages/${root.id}/children`);
    assert.deepEqual((children.body as V2List<Json>).results, [
      { id: String(chapter.id), status: 'current', title: 'Chapter', spaceId, childPosition: null },
    ]);
    const blogs = await ok('GET', '/spaces/{id}/blogposts', `/spaces/${spaceId}/blogposts`);
    assert.deepEqual(
      (blogs.body as V2List).results.map((item) => item.id),
      [String(blog.id)],
    );
    const rootPages = await pageIdsInSpace('&depth=root');
    assert.ok(rootPages.includes(String(root.id)) && !rootPages.includes(String(chapter.id)));
  });

  it('creates pages under the home page, at root level or under a parent, and v1 reads them', async () => {
    const underHome = await createV2Page({
      title: 'Under home',
      body: { representation: 'storage', value: '<p>Hi</p>' },
    });
    assert.equal(underHome.parentId, homepageId);
    assert.equal(underHome.version?.number, 1);
    assert.deepEqual(underHome.body, { storage: { representation: 'storage', value: '<p>Hi</p>' } });
    assert.equal(underHome._links.base, `${site.url}/wiki`);

    const atRoot = await createV2Page({ title: 'At root' }, '?root-level=true&embedded=false&private=false');
    assert.equal(atRoot.parentId, undefined);
    const nested = await createV2Page({
      title: 'Nested',
      parentId: atRoot.id,
      body: { storage: { representation: 'storage', value: '<p>Nested</p>' } },
    });
    assert.equal(nested.parentId, atRoot.id);

    const v1 = (
      await site.request(
        'GET',
        `/rest/api/content/${nested.id}?expand=ancestors,body.storage,version,history`,
      )
    ).body as Json;
    assert.equal(v1.title, 'Nested');
    assert.deepEqual(
      (v1.ancestors as Json[]).map((ancestor) => ancestor.id),
      [atRoot.id],
    );
    assert.equal(field(v1, 'body', 'storage', 'value'), '<p>Nested</p>');
    assert.equal(field(v1, 'history', 'createdDate'), nested.createdAt);
    assert.equal(field(v1, 'version', 'number'), 1);
  });

  it('moves and versions a page on v2, and v1 sees the new version and parent', async () => {
    const first = await createV2Page({ title: 'First parent' }, '?root-level=true');
    const second = await createV2Page({ title: 'Second parent' }, '?root-level=true');
    const page = await createV2Page({ title: 'Mover', parentId: first.id });

    const moved = (
      await ok('PUT', '/pages/{id}', `/pages/${page.id}`, {
        json: {
          id: page.id,
          status: 'current',
          title: 'Mover, renamed',
          spaceId,
          parentId: second.id,
          body: { representation: 'storage', value: '<p>Two</p>' },
          version: { number: 2, message: 'moved' },
        },
      })
    ).body as V2Content;
    assert.equal(moved.version?.number, 2);
    assert.equal(moved.version?.message, 'moved');
    assert.equal(moved.parentId, second.id);
    assert.equal(moved.createdAt, page.createdAt);

    const v1 = (
      await site.request('GET', `/rest/api/content/${page.id}?expand=ancestors,version,body.storage`)
    ).body as Json;
    assert.equal(field(v1, 'version', 'number'), 2);
    assert.equal(field(v1, 'version', 'message'), 'moved');
    assert.equal(field(v1, 'version', 'when'), moved.version?.createdAt);
    assert.equal(v1.title, 'Mover, renamed');
    assert.deepEqual(
      (v1.ancestors as Json[]).map((ancestor) => ancestor.id),
      [second.id],
    );
    assert.equal(field(v1, 'body', 'storage', 'value'), '<p>Two</p>');

    const versions = await ok(
      'GET',
      '/pages/{id}/versions',
      `/pages/${page.id}/versions?body-format=storage`,
    );
    const list = (versions.body as V2List<V2Version & { page: Json }>).results;
    assert.deepEqual(
      list.map((version) => [version.number, field(version, 'page', 'title')]),
      [
        [2, 'Mover, renamed'],
        [1, 'Mover'],
      ],
    );
    assert.equal(field(list[1], 'page', 'id'), page.id);
    assert.equal(field(list[0], 'page', 'body', 'storage', 'value'), '<p>Two</p>');

    const old = await getPage(page.id, '?version=1');
    assert.equal(old.status, 'historical');
    assert.equal(old.title, 'Mover');
    assert.equal(old.version?.number, 1);
  });

  it('answers a stale version with 409 CONFLICT in the v2 shape and changes nothing', async () => {
    const page = await createV2Page({ title: 'Contested' }, '?root-level=true');
    const update = (number: number) =>
      v2('PUT', `/pages/${page.id}`, {
        json: { id: page.id, status: 'current', title: `Contested ${number}`, version: { number } },
      });
    assert.equal((await update(2)).status, 200);
    for (const stale of [1, 2, 4]) {
      const refused = assertV2Error(await update(stale), 409, 'CONFLICT');
      assert.match(refused.errors[0]?.detail ?? '', /Current version is: 2/);
    }
    const now = await getPage(page.id);
    assert.equal(now.title, 'Contested 2');
    assert.equal(now.version?.number, 2);
  });

  it('trashes, lists the trash, restores and purges through v2', async () => {
    const parent = await createV2Page({ title: 'Doomed' }, '?root-level=true');
    const child = await createV2Page({ title: 'Doomed child', parentId: parent.id });
    assert.equal((await v2('DELETE', `/pages/${parent.id}`)).status, 204);

    assert.ok(!(await pageIdsInSpace()).includes(parent.id));
    assert.ok((await pageIdsInSpace('&status=trashed')).includes(parent.id));
    const trashedList = await ok('GET', '/pages', `/pages?space-id=${spaceId}&status=trashed`);
    assert.deepEqual(
      (trashedList.body as V2List).results.map((page) => [page.id, page.status]),
      [[parent.id, 'trashed']],
    );
    assert.equal((await getPage(parent.id)).status, 'trashed');
    assertV2Error(await v2('GET', `/pages/${parent.id}?status=current`), 404, 'NOT_FOUND');
    const v1Trash = (await site.request('GET', '/rest/api/space/TREE/trash')).body as { results: Json[] };
    assert.deepEqual(
      v1Trash.results.map((item) => item.id),
      [parent.id],
    );
    // Trashing again is not a purge: that needs purge=true.
    assertV2Error(await v2('DELETE', `/pages/${parent.id}`), 404, 'NOT_FOUND');

    const restored = await ok('PUT', '/pages/{id}', `/pages/${parent.id}`, {
      json: { id: parent.id, status: 'current', title: 'Doomed', version: { number: 2 } },
    });
    assert.equal((restored.body as V2Content).status, 'current');
    assert.equal(
      field(await site.request('GET', `/rest/api/content/${parent.id}`), 'body', 'status'),
      'current',
    );

    assert.equal((await v2('DELETE', `/pages/${parent.id}`)).status, 204);
    assert.equal((await v2('DELETE', `/pages/${parent.id}?purge=true`)).status, 204);
    assertV2Error(await v2('GET', `/pages/${parent.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${child.id}`), 404, 'NOT_FOUND');
    assert.equal((await site.request('GET', `/rest/api/content/${parent.id}?status=any`)).status, 404);
  });

  it('shows and discards drafts only when asked for them', async () => {
    const draft = await createV2Page({ title: 'Half done', status: 'draft' }, '?root-level=true');
    assert.equal(draft.status, 'draft');
    assertV2Error(await v2('GET', `/pages/${draft.id}`), 404, 'NOT_FOUND');
    assert.equal((await getPage(draft.id, '?get-draft=true')).status, 'draft');
    assert.equal((await getPage(draft.id, '?status=any')).status, 'draft');
    assertV2Error(await v2('DELETE', `/pages/${draft.id}`), 404, 'NOT_FOUND');
    const current = await createV2Page({ title: 'Published' }, '?root-level=true');
    assertV2Error(await v2('DELETE', `/pages/${current.id}?draft=true`), 404, 'NOT_FOUND');
    assert.equal((await v2('DELETE', `/pages/${draft.id}?draft=true`)).status, 204);
    assertV2Error(await v2('GET', `/pages/${draft.id}?get-draft=true`), 404, 'NOT_FOUND');
  });

  it('creates, updates, versions and deletes blog posts, which are not pages', async () => {
    const created = await ok('POST', '/blogposts', '/blogposts', {
      json: { spaceId, title: 'Release 1', body: { representation: 'storage', value: '<p>v1</p>' } },
    });
    const post = created.body as V2Content;
    assert.equal(post.version?.number, 1);
    assert.equal(post.parentId, undefined);
    assertV2Error(await v2('GET', `/pages/${post.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${post.id}/children`), 404, 'NOT_FOUND');

    await ok('PUT', '/blogposts/{id}', `/blogposts/${post.id}`, {
      json: { id: post.id, status: 'current', title: 'Release 1.0', spaceId, version: { number: 2 } },
    });
    const versions = await ok(
      'GET',
      '/blogposts/{id}/versions',
      `/blogposts/${post.id}/versions?sort=modified-date`,
    );
    assert.deepEqual(
      (versions.body as V2List<V2Version & { blogpost: Json }>).results.map((version) => [
        version.number,
        version.blogpost.title,
      ]),
      [
        [1, 'Release 1'],
        [2, 'Release 1.0'],
      ],
    );
    const listed = await ok('GET', '/blogposts', `/blogposts?space-id=${spaceId}&title=Release%201.0`);
    assert.deepEqual(
      (listed.body as V2List).results.map((item) => item.id),
      [post.id],
    );
    assertV2Error(await v2('DELETE', `/pages/${post.id}`), 404, 'NOT_FOUND');
    assert.equal((await v2('DELETE', `/blogposts/${post.id}`)).status, 204);
    assert.equal((await v2('DELETE', `/blogposts/${post.id}?purge=true`)).status, 204);
    assertV2Error(await v2('GET', `/blogposts/${post.id}?status=trashed`), 404, 'NOT_FOUND');
  });

  it('renders the body only in the format asked for, and the version unless told not to', async () => {
    const page = await createV2Page(
      {
        title: 'Formats',
        body: { representation: 'storage', value: '<p>One &amp; two</p><p><strong>Three</strong></p>' },
      },
      '?root-level=true',
    );
    const storage = await getPage(page.id, '?body-format=storage');
    assert.deepEqual(storage.body, {
      storage: { representation: 'storage', value: '<p>One &amp; two</p><p><strong>Three</strong></p>' },
    });
    const view = await getPage(page.id, '?body-format=view');
    assert.equal(view.body?.view?.representation, 'view');
    const adf = await getPage(page.id, '?body-format=atlas_doc_format');
    assert.deepEqual(JSON.parse(adf.body?.atlas_doc_format?.value ?? ''), {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One & two' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Three' }] },
      ],
    });
    assert.equal((await getPage(page.id, '?include-version=false')).version, undefined);
    const listed = await ok('GET', '/pages', `/pages?id=${page.id}&body-format=storage`);
    assert.equal((listed.body as V2List).results[0]?.body?.storage?.value, storage.body?.storage?.value);
  });

  it('answers bad input with a clear v2 error and changes nothing', async () => {
    const page = await createV2Page({ title: 'Stable' }, '?root-level=true');
    const before = await pageIdsInSpace('&status=any');
    const expectations: [Promise<TestResponse>, number, string][] = [
      [
        v2('POST', '/pages', { json: { spaceId, body: { representation: 'storage', value: '' } } }),
        400,
        'BAD_REQUEST',
      ],
      [v2('POST', '/pages', { json: { spaceId, title: '   ' } }), 400, 'BAD_REQUEST'],
      [v2('POST', '/pages', { json: { title: 'No space' } }), 400, 'BAD_REQUEST'],
      [v2('POST', '/pages', { json: { spaceId: 'TREE', title: 'Key, not id' } }), 400, 'BAD_REQUEST'],
      [v2('POST', '/pages', { json: { spaceId: '999999', title: 'Nowhere' } }), 404, 'NOT_FOUND'],
      [v2('POST', '/pages', { json: { spaceId, title: 'Stable' } }), 400, 'BAD_REQUEST'],
      [
        v2('POST', '/pages?root-level=true', { json: { spaceId, title: 'Both', parentId: page.id } }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('POST', '/pages', {
          headers: { 'content-type': 'application/json' },
          body: '{"spaceId": "1", "title":',
        }),
        400,
        'BAD_REQUEST',
      ],
      [v2('POST', '/pages', { json: [spaceId] }), 400, 'BAD_REQUEST'],
      [
        v2('PUT', `/pages/${page.id}`, { json: { id: page.id, status: 'current', title: 'x' } }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('PUT', `/pages/${page.id}`, { json: { id: page.id, status: 'current', version: { number: 2 } } }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('PUT', `/pages/${page.id}`, { json: { id: '1', title: 'x', version: { number: 2 } } }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('PUT', `/pages/${page.id}`, {
          json: { id: page.id, title: 'x', spaceId: '999', version: { number: 2 } },
        }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('PUT', `/pages/${page.id}`, {
          json: { id: page.id, title: 'x', version: { number: 2 }, status: 'gone' },
        }),
        400,
        'BAD_REQUEST',
      ],
      [
        v2('PUT', '/pages/999999', { json: { id: '999999', title: 'x', version: { number: 2 } } }),
        404,
        'NOT_FOUND',
      ],
      [v2('GET', '/pages/999999'), 404, 'NOT_FOUND'],
      [v2('GET', '/pages/abc'), 400, 'BAD_REQUEST'],
      [v2('GET', `/pages/${page.id}?body-format=pdf`), 400, 'BAD_REQUEST'],
      [v2('GET', `/pages/${page.id}?version=99`), 404, 'NOT_FOUND'],
      [v2('GET', `/pages?status=historical`), 400, 'BAD_REQUEST'],
      [v2('GET', `/pages?space-id=abc`), 400, 'BAD_REQUEST'],
      [v2('GET', `/pages?sort=size`), 400, 'BAD_REQUEST'],
      [v2('GET', '/pages/999999/versions'), 404, 'NOT_FOUND'],
      [v2('GET', '/pages/999999/ancestors'), 404, 'NOT_FOUND'],
      [v2('GET', '/spaces/999999/pages'), 404, 'NOT_FOUND'],
      [v2('GET', `/spaces/${spaceId}/pages?depth=some`), 400, 'BAD_REQUEST'],
      [v2('DELETE', '/pages/999999'), 404, 'NOT_FOUND'],
      [v2('DELETE', `/pages/${page.id}?purge=maybe`), 400, 'BAD_REQUEST'],
      [v2('GET', `/pages/${page.id}`, { auth: null }), 401, 'UNAUTHORIZED'],
      [v2('DELETE', `/pages/${page.id}`, { auth: ['admin', 'wrong'] }), 401, 'UNAUTHORIZED'],
    ];
    for (const [response, status, code] of expectations) assertV2Error(await response, status, code);

    assert.deepEqual(await pageIdsInSpace('&status=any'), before);
    const unchanged = await getPage(page.id);
    assert.equal(unchanged.title, 'Stable');
    assert.equal(unchanged.version?.number, 1);
    assert.equal(unchanged.status, 'current');
  });
});
