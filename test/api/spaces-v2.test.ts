import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestResponse, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface V2Space {
  id: string;
  key: string;
  name: string;
  authorId?: string;
  homepageId?: string;
  createdAt: string;
  description?: { plain?: { value: string; representation: string } };
  icon?: { path: string };
  _links: Record<string, string>;
}
interface V2Page {
  results: V2Space[];
  _links: { next?: string; base: string };
}

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];
const spaceKeys = ['ALPHA', 'BETA', 'GAMMA', 'DELTA', 'EPSILON'];

describe('spaces on Cloud v2', () => {
  let site: TestServer;
  const v1Ids = new Map<string, number>();

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave']) {
      await aUser(site, name);
    }
    for (const key of spaceKeys) {
      const created = await site.request('POST', '/rest/api/space', {
        json: {
          key,
          name: `${key[0]}${key.slice(1).toLowerCase()}`,
          description: { plain: { value: `About ${key}` } },
        },
      });
      assert.equal(created.status, 200, created.text);
      v1Ids.set(key, (created.body as { id: number }).id);
    }
    const hidden = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'HIDDEN', name: 'Hidden' },
    });
    assert.equal(hidden.status, 200);
    v1Ids.set('HIDDEN', (hidden.body as { id: number }).id);
  });
  after(() => site.dispose());

  const list = async (path: string, auth?: [string, string]) => {
    const response = await site.request('GET', path, auth ? { auth } : {});
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces', 200, response.body);
    return response;
  };

  /** Follows `_links.next` to the end, checking the Link header on the way; returns every page. */
  async function walk(path: string, auth?: [string, string]): Promise<V2Page[]> {
    const pages: V2Page[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      assert.ok(pages.length < 20, 'too many pages');
      const response: TestResponse = await list(next, auth);
      const page = response.body as V2Page;
      const link = response.headers.get('link') ?? '';
      assert.match(link, new RegExp(`<${site.url}/wiki>; rel="base"`));
      if (page._links.next) assert.ok(link.includes(`<${page._links.next}>; rel="next"`), link);
      else assert.doesNotMatch(link, /rel="next"/);
      pages.push(page);
      next = page._links.next;
    }
    return pages;
  }

  it('pages through every visible space by id with an opaque cursor until no next link is left', async () => {
    const pages = await walk('/wiki/api/v2/spaces?limit=2');
    assert.deepEqual(
      pages.map((page) => page.results.length),
      [2, 2, 2],
    );
    const ids = pages.flatMap((page) => page.results.map((space) => space.id));
    assert.deepEqual(ids, [...v1Ids.values()].map(String));
    const firstNext = pages[0]?._links.next ?? '';
    assert.match(firstNext, /^\/wiki\/api\/v2\/spaces\?limit=2&cursor=[A-Za-z0-9_-]+$/);
    assert.equal(pages[0]?._links.base, `${site.url}/wiki`);

    const davesIds = (await walk('/wiki/api/v2/spaces?limit=4', dave)).flatMap((page) =>
      page.results.map((s) => s.key),
    );
    assert.deepEqual(davesIds, spaceKeys);
  });

  it('keeps filters and sort in the next link', async () => {
    const pages = await walk('/wiki/api/v2/spaces?keys=alpha,BETA&keys=GAMMA&sort=-key&limit=1');
    assert.deepEqual(
      pages.map((page) => page.results[0]?.key),
      ['GAMMA', 'BETA', 'ALPHA'],
    );
    assert.match(pages[0]?._links.next ?? '', /keys=alpha%2CBETA&keys=GAMMA&sort=-key&limit=1&cursor=/);
    const byName = await walk('/wiki/api/v2/spaces?sort=name&limit=3');
    assert.deepEqual(
      byName.flatMap((page) => page.results.map((space) => space.name)),
      ['Alpha', 'Beta', 'Delta', 'Epsilon', 'Gamma', 'Hidden'],
    );
  });

  it('filters by ids, type and status', async () => {
    const ids = `${v1Ids.get('BETA')},${v1Ids.get('DELTA')}`;
    const byIds = (await list(`/wiki/api/v2/spaces?ids=${ids}`)).body as V2Page;
    assert.deepEqual(
      byIds.results.map((space) => space.key),
      ['BETA', 'DELTA'],
    );
    assert.equal(((await list('/wiki/api/v2/spaces?type=global')).body as V2Page).results.length, 6);
    assert.deepEqual(((await list('/wiki/api/v2/spaces?type=personal')).body as V2Page).results, []);
    assert.deepEqual(((await list('/wiki/api/v2/spaces?type=knowledge_base')).body as V2Page).results, []);
    assert.deepEqual(((await list('/wiki/api/v2/spaces?status=archived')).body as V2Page).results, []);
    const hiddenForDave = (await list(`/wiki/api/v2/spaces?ids=${v1Ids.get('HIDDEN')}`, dave)).body as V2Page;
    assert.deepEqual(hiddenForDave.results, []);
  });

  it('refuses a bad cursor, limit, sort, id or filter with a 400 errors[] envelope', async () => {
    const foreignCursor = Buffer.from(JSON.stringify({ sortValue: 'ALPHA', id: 1 })).toString('base64url');
    const bad = [
      'cursor=not!base64',
      `cursor=${Buffer.from('not json').toString('base64url')}`,
      `cursor=${Buffer.from('{"sortValue":1}').toString('base64url')}`,
      `cursor=${foreignCursor}`,
      'limit=0',
      'limit=ten',
      'limit=-1',
      'sort=size',
      'ids=abc',
      'type=team',
      'status=gone',
      'description-format=html',
      'include-icon=maybe',
      `keys=${Array.from({ length: 251 }, (_, n) => `K${n}`).join(',')}`,
    ];
    for (const query of bad) {
      assertV2Error(await site.request('GET', `/wiki/api/v2/spaces?${query}`), 400, 'BAD_REQUEST');
    }
    const clamped = await list('/wiki/api/v2/spaces?limit=100000');
    assert.equal((clamped.body as V2Page).results.length, 6);
  });

  it('shows a space by id with the same ids, times and home page as v1', async () => {
    const id = v1Ids.get('ALPHA');
    const response = await site.request(
      'GET',
      `/wiki/api/v2/spaces/${id}?description-format=plain&include-icon=true`,
    );
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}', 200, response.body);
    const space = response.body as V2Space;
    const v1 = (await site.request('GET', '/wiki/rest/api/space/ALPHA?expand=history')).body as Json;
    const admin = (await site.request('GET', '/wiki/rest/api/user/current')).body as Json;
    assert.equal(space.id, String(v1.id));
    assert.equal(space.key, 'ALPHA');
    assert.equal(space.name, 'Alpha');
    assert.equal(space.createdAt, (v1.history as Json).createdDate);
    assert.equal(`/rest/api/content/${space.homepageId}`, (v1._expandable as Json).homepage);
    assert.equal(space.authorId, admin.accountId);
    assert.deepEqual(space.description, { plain: { representation: 'plain', value: 'About ALPHA' } });
    assert.ok(space.icon?.path);
    assert.deepEqual(space._links, { webui: '/spaces/ALPHA', base: `${site.url}/wiki` });

    const plain = (await site.request('GET', `/wiki/api/v2/spaces/${id}`)).body as V2Space;
    assert.equal(plain.description, undefined);
    assert.equal(plain.icon, undefined);
    const bare = await site.request('GET', `/api/v2/spaces/${id}`);
    assert.equal(bare.status, 200);
    assert.equal((bare.body as V2Space).key, 'ALPHA');
  });

  it('answers an unknown or invisible space with 404 and a malformed id with 400', async () => {
    assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/999999'), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/spaces/${v1Ids.get('HIDDEN')}`, { auth: dave }),
      404,
      'NOT_FOUND',
    );
    assert.equal(
      (await site.request('GET', `/wiki/api/v2/spaces/${v1Ids.get('HIDDEN')}`, { auth: carol })).status,
      200,
    );
    assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/ALPHA'), 400, 'BAD_REQUEST');
  });
});
