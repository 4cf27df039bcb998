import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface TreeItem {
  id: string;
  type: string;
  status: string;
  title: string;
  spaceId: string;
  parentId?: string;
  parentType?: string;
  embedUrl?: string;
  authorId?: string;
  version: { number: number };
  _links: Record<string, string>;
}
interface Listed {
  id: string;
  type: string;
  title: string;
  parentId?: string;
  depth?: number;
}
interface V2List<T = Listed> {
  results: T[];
  _links: { next?: string; base: string };
}

describe("Cloud v2's folders, whiteboards, databases and Smart Links", () => {
  let site: TestServer;
  let spaceId: string;
  const outsider: [string, string] = ['olga', 'olga-pw'];

  const v2 = (method: string, path: string, options?: RequestOptions) =>
    site.request(method, `/wiki/api/v2${path}`, options);

  async function ok(method: string, template: string, path: string, options?: RequestOptions) {
    const response = await v2(method, path, options);
    assert.equal(response.status, 200, `${method} ${path}: ${response.text}`);
    assertMatchesSpec('cloud-v2', method, template, 200, response.body);
    return response.body;
  }

  const create = async (collection: string, json: Json) =>
    (await ok('POST', `/${collection}`, `/${collection}`, { json: { spaceId, ...json } })) as TreeItem;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'olga');
    await aSpace(site, 'TYPES');
    spaceId = String(((await site.request('GET', '/rest/api/space/TYPES')).body as Json).id);
  });
  after(() => site.dispose());

  it('creates each type in a space and reads it back by id, a Smart Link with its URL', async () => {
    const folder = await create('folders', { title: 'Plans' });
    assert.equal(folder.type, 'folder');
    assert.equal(folder.status, 'current');
    assert.equal(folder.spaceId, spaceId);
    assert.equal(folder.version.number, 1);
    assert.equal(folder.parentId, undefined);
    assert.match(folder._links.webui ?? '', new RegExp(`/spaces/TYPES/folder/${folder.id}$`));
    const board = await create('whiteboards', {
      title: 'Sketch',
      parentId: folder.id,
      templateKey: 'kanban-board',
    });
    assert.equal(board.parentId, folder.id);
    assert.equal(board.parentType, 'folder');
    const untitled = await create('databases', {});
    assert.equal(untitled.title, 'Untitled database');
    const link = await create('embeds', { title: 'Tracker', embedUrl: 'https://example.com/board/7' });
    for (const [collection, item] of [
      ['folders', folder],
      ['whiteboards', board],
      ['databases', untitled],
      ['embeds', link],
    ] as const) {
      const read = (await ok('GET', `/${collection}/{id}`, `/${collection}/${item.id}`)) as TreeItem;
      assert.deepEqual(read, item, collection);
    }
    assert.equal(link.embedUrl, 'https://example.com/board/7');
  });

  it('answers 404 for an item asked for under another type, and 400 for bad input, creating nothing', async () => {
    const folder = await create('folders', { title: 'Typed' });
    assertV2Error(await v2('GET', `/whiteboards/${folder.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${folder.id}`), 404, 'NOT_FOUND');
    const page = await aPage(site, 'TYPES', 'Not a folder');
    assertV2Error(await v2('GET', `/folders/${String(page.id)}`), 404, 'NOT_FOUND');
    const embedIds = async () =>
      (
        (await site.request('GET', '/rest/api/search?cql=type%3Dembed&limit=200')).body as {
          results: { content: Json }[];
        }
      ).results.map((result) => result.content.id);
    const before = await embedIds();
    for (const [collection, json] of [
      ['folders', { title: 'No space' }],
      ['folders', { spaceId: 'abc' }],
      ['folders', { spaceId, title: 42 }],
      ['embeds', { spaceId, embedUrl: 'javascript:alert(1)' }],
      ['embeds', { spaceId, embedUrl: 'not a url' }],
      ['whiteboards', { spaceId, templateKey: 7 }],
    ] as const) {
      assertV2Error(await v2('POST', `/${collection}`, { json }), 400, 'BAD_REQUEST');
    }
    const blog = await aPage(site, 'TYPES', 'A blog post', { type: 'blogpost' });
    assertV2Error(
      await v2('POST', '/folders', { json: { spaceId, parentId: String(blog.id) } }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(await v2('POST', '/folders', { json: { spaceId: '999999' } }), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', '/folders/abc'), 400, 'BAD_REQUEST');
    assert.deepEqual(await embedIds(), before);
  });

  it('nests pages and every tree type, and lists them as direct children, descendants and ancestors', async () => {
    const top = (await ok('POST', '/pages', '/pages?root-level=true', {
      json: { spaceId, title: 'Tree top', body: { representation: 'storage', value: '<p>top</p>' } },
    })) as TreeItem;
    const folder = await create('folders', { title: 'Tree folder', parentId: top.id });
    const board = await create('whiteboards', { title: 'Tree board', parentId: top.id });
    const inner = (await ok('POST', '/pages', '/pages', {
      json: { spaceId, title: 'Inside the folder', parentId: folder.id },
    })) as TreeItem;
    assert.equal(inner.parentType, 'folder');
    const deep = await create('databases', { title: 'Deep table', parentId: inner.id });

    const children = (await ok(
      'GET',
      '/pages/{id}/direct-children',
      `/pages/${top.id}/direct-children`,
    )) as V2List;
    assert.deepEqual(
      children.results.map((child) => [child.type, child.id]),
      [
        ['folder', folder.id],
        ['whiteboard', board.id],
      ],
    );
    const folderChildren = (await ok(
      'GET',
      '/folders/{id}/direct-children',
      `/folders/${folder.id}/direct-children?sort=-title`,
    )) as V2List;
    assert.deepEqual(
      folderChildren.results.map((child) => child.id),
      [inner.id],
    );
    // `/pages/{id}/children` stays a list of pages.
    const childPages = (await ok('GET', '/pages/{id}/children', `/pages/${top.id}/children`)) as V2List;
    assert.deepEqual(childPages.results, []);

    const twoLevels = (await ok('GET', '/pages/{id}/descendants', `/pages/${top.id}/descendants`)) as V2List;
    assert.deepEqual(
      twoLevels.results.map((item) => [item.title, item.depth, item.parentId]),
      [
        ['Tree folder', 1, top.id],
        ['Tree board', 1, top.id],
        ['Inside the folder', 2, folder.id],
      ],
    );
    const threeLevels = (await ok(
      'GET',
      '/pages/{id}/descendants',
      `/pages/${top.id}/descendants?depth=3&limit=2`,
    )) as V2List;
    assert.equal(threeLevels.results.length, 2);
    assert.ok(threeLevels._links.next, 'a next link');
    const rest = (await ok(
      'GET',
      '/pages/{id}/descendants',
      threeLevels._links.next.replace('/wiki/api/v2', ''),
    )) as V2List;
    assert.deepEqual(
      rest.results.map((item) => item.title),
      ['Inside the folder', 'Deep table'],
    );
    assertV2Error(await v2('GET', `/pages/${top.id}/descendants?depth=11`), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', `/pages/${top.id}/descendants?depth=0`), 400, 'BAD_REQUEST');

    const ancestors = (await ok(
      'GET',
      '/databases/{id}/ancestors',
      `/databases/${deep.id}/ancestors`,
    )) as V2List;
    assert.deepEqual(
      ancestors.results.map((item) => [item.type, item.id]),
      [
        ['page', top.id],
        ['folder', folder.id],
        ['page', inner.id],
      ],
    );
    const nearest = (await ok(
      'GET',
      '/databases/{id}/ancestors',
      `/databases/${deep.id}/ancestors?limit=1`,
    )) as V2List;
    assert.deepEqual(
      nearest.results.map((item) => item.id),
      [inner.id],
    );
    assertV2Error(await v2('GET', `/whiteboards/${folder.id}/ancestors`), 404, 'NOT_FOUND');
  });

  it('keeps the new types out of page lists and untyped searches, and finds them by CQL type', async () => {
    const folder = await create('folders', { title: 'Hidden from page lists' });
    const pages = (await site.request('GET', '/rest/api/content?spaceKey=TYPES&limit=500')).body as {
      results: Json[];
    };
    assert.ok(!pages.results.some((item) => item.id === folder.id));
    const v2Pages = (await ok('GET', '/spaces/{id}/pages', `/spaces/${spaceId}/pages?limit=250`)) as V2List;
    assert.ok(!v2Pages.results.some((item) => item.id === folder.id));
    const anyType = (await site.request('GET', '/rest/api/search?cql=space%3DTYPES&limit=200')).body as {
      results: { content?: Json }[];
    };
    assert.ok(!anyType.results.some((result) => result.content?.id === folder.id));
    const folders = (
      await site.request('GET', '/rest/api/search?cql=type%3Dfolder%20and%20space%3DTYPES&limit=200')
    ).body as { results: { content?: Json }[] };
    assert.ok(folders.results.some((result) => result.content?.id === folder.id));
  });

  it('moves a deleted item to the trash, where it shows as trashed and cannot be deleted again', async () => {
    const board = await create('whiteboards', { title: 'Short-lived' });
    const deleted = await v2('DELETE', `/whiteboards/${board.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    const read = (await ok('GET', '/whiteboards/{id}', `/whiteboards/${board.id}`)) as TreeItem;
    assert.equal(read.status, 'trashed');
    assertV2Error(await v2('DELETE', `/whiteboards/${board.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('DELETE', `/folders/${board.id}`), 404, 'NOT_FOUND');
    // Restored over v1 as a page would be.
    const restored = await site.request('PUT', `/rest/api/content/${board.id}`, {
      json: { type: 'whiteboard', status: 'current', title: 'Short-lived', version: { number: 2 } },
    });
    assert.equal(restored.status, 200, restored.text);
    assert.equal(
      ((await ok('GET', '/whiteboards/{id}', `/whiteboards/${board.id}`)) as TreeItem).status,
      'current',
    );
  });

  it('keeps content properties on each type, by id', async () => {
    const link = await create('embeds', { title: 'Props', embedUrl: 'https://example.com/' });
    const made = (await ok('POST', '/embeds/{id}/properties', `/embeds/${link.id}/properties`, {
      json: { key: 'colour', value: { hex: '#ff0000' } },
    })) as { id: string; key: string; version: { number: number } };
    const template = '/embeds/{embed-id}/properties/{property-id}';
    const path = `/embeds/${link.id}/properties/${made.id}`;
    assert.deepEqual(await ok('GET', template, path), made);
    const updated = (await ok('PUT', template, path, {
      json: { key: 'colour', value: { hex: '#00ff00' }, version: { number: 2 } },
    })) as { value: Json };
    assert.deepEqual(updated.value, { hex: '#00ff00' });
    const listed = (await ok('GET', '/embeds/{id}/properties', `/embeds/${link.id}/properties`)) as V2List;
    assert.equal(listed.results.length, 1);
    assertV2Error(await v2('GET', `/folders/${link.id}/properties`), 404, 'NOT_FOUND');
    assert.equal((await v2('DELETE', path)).status, 204);
    assertV2Error(await v2('GET', path), 404, 'NOT_FOUND');
  });

  it('reports what the caller may do, and hides a read-restricted folder with what is under it', async () => {
    const holder = await aPage(site, 'TYPES', 'Holder of a restricted folder');
    const folder = await create('folders', { title: 'Restricted folder', parentId: String(holder.id) });
    const inside = await create('whiteboards', { title: 'Under restriction', parentId: folder.id });
    const ops = (await ok('GET', '/folders/{id}/operations', `/folders/${folder.id}/operations`)) as {
      operations: { operation: string; targetType: string }[];
    };
    assert.deepEqual(
      ops.operations.map((op) => op.operation),
      ['read', 'update', 'delete'],
    );
    assert.equal(ops.operations[0]?.targetType, 'folder');
    assert.equal((await v2('GET', `/folders/${folder.id}`, { auth: outsider })).status, 200);
    const restricted = await site.request('PUT', `/rest/api/content/${folder.id}/restriction`, {
      json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.equal(restricted.status, 200, restricted.text);
    for (const path of [
      `/folders/${folder.id}`,
      `/whiteboards/${inside.id}`,
      `/folders/${folder.id}/direct-children`,
      `/folders/${folder.id}/operations`,
      `/whiteboards/${inside.id}/ancestors`,
    ]) {
      assertV2Error(await v2('GET', path, { auth: outsider }), 404, 'NOT_FOUND');
    }
    assertV2Error(await v2('DELETE', `/folders/${folder.id}`, { auth: outsider }), 404, 'NOT_FOUND');
    const byAdmin = (await ok(
      'GET',
      '/pages/{id}/descendants',
      `/pages/${String(holder.id)}/descendants`,
    )) as V2List;
    assert.equal(byAdmin.results.length, 2);
    const byOutsider = await v2('GET', `/pages/${String(holder.id)}/descendants`, { auth: outsider });
    assert.deepEqual((byOutsider.body as V2List).results, []);
    assert.equal((await v2('GET', `/folders/${folder.id}`, { auth: null })).status, 401);
  });

  it('purges trashed folders and what is under them when the space trash is emptied', async () => {
    const folder = await create('folders', { title: 'Bound for the bin' });
    const inside = await create('embeds', { title: 'Inside the bin', parentId: folder.id });
    assert.equal((await v2('DELETE', `/folders/${folder.id}`)).status, 204);
    assert.equal(((await ok('GET', '/embeds/{id}', `/embeds/${inside.id}`)) as TreeItem).status, 'current');
    const emptied = await site.request('DELETE', '/rest/api/space/TYPES/trash');
    assert.ok(emptied.status === 200 || emptied.status === 204, emptied.text);
    assertV2Error(await v2('GET', `/folders/${folder.id}`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/embeds/${inside.id}`), 404, 'NOT_FOUND');
  });
});
