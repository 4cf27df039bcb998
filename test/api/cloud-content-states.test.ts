import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

describe('Cloud content states', () => {
  let site: TestServer;
  let pageId = '';
  let guardedId = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'CST');
    pageId = String((await aPage(site, 'CST', 'Stateful')).id);
    guardedId = String((await aPage(site, 'CST', 'Guarded')).id);
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${guardedId}/restriction/byOperation/update/user?username=carol`,
    );
    assert.equal(restricted.status, 200, restricted.text);
  });
  after(() => site.dispose());

  const state = (id: string, auth?: [string, string]) =>
    site.request('GET', `/wiki/rest/api/content/${id}/state`, auth ? { auth } : {});

  it('sets a space state on a new version, and reads it back with the version', async () => {
    const none = await state(pageId);
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.body, {});
    const set = await site.request('PUT', `/wiki/rest/api/content/${pageId}/state?status=current`, {
      json: { id: 1 },
    });
    assert.equal(set.status, 200, set.text);
    assertMatchesSpec('cloud-v1-2026', 'PUT', '/wiki/rest/api/content/{id}/state', 200, set.body);
    assert.deepEqual((set.body as Json).contentState, { id: 1, name: 'In progress', color: '#2684ff' });
    const read = await state(pageId);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/content/{id}/state', 200, read.body);
    assert.deepEqual((read.body as Json).contentState, (set.body as Json).contentState);
    const page = (await site.request('GET', `/wiki/rest/api/content/${pageId}?expand=version,body.storage`))
      .body as { version: { number: number }; body: { storage: { value: string } } };
    assert.equal(page.version.number, 2, 'the state was published as a new version');
    assert.equal(page.body.storage.value, '<p>Stateful</p>');

    const edited = await site.request('PUT', `/wiki/rest/api/content/${pageId}`, {
      json: {
        type: 'page',
        title: 'Stateful',
        version: { number: 3 },
        body: { storage: { value: '<p>Edited</p>', representation: 'storage' } },
      },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual(
      ((await state(pageId)).body as Json).contentState,
      (set.body as Json).contentState,
      'a later version carries the state on',
    );
  });

  it("lists a space's content by the state its current version carries", async () => {
    const listed = await site.request(
      'GET',
      '/wiki/rest/api/space/CST/state/content?state-id=1&expand=version',
    );
    assert.equal(listed.status, 200, listed.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/space/{spaceKey}/state/content',
      200,
      listed.body,
    );
    const results = (listed.body as { results: Json[] }).results;
    assert.deepEqual(
      results.map((item) => item.id),
      [pageId],
    );
    const other = (await site.request('GET', '/wiki/rest/api/space/CST/state/content?state-id=2'))
      .body as Json;
    assert.deepEqual(other.results, []);
    assertRestError(await site.request('GET', '/wiki/rest/api/space/CST/state/content'), 400);
    assertRestError(await site.request('GET', '/wiki/rest/api/space/NOPE/state/content?state-id=1'), 404);
  });

  it("reuses the caller's custom state of the same name and colour, and lists it", async () => {
    const first = await site.request('PUT', `/wiki/rest/api/content/${pageId}/state?status=current`, {
      json: { name: 'Legal review', color: '#FF7452' },
      auth: carol,
    });
    assert.equal(first.status, 200, first.text);
    const created = (first.body as { contentState: Json }).contentState;
    assert.ok(Number(created.id) >= 3, 'custom states are numbered after the space states');
    assert.equal(created.color, '#ff7452');
    const again = await site.request('PUT', `/wiki/rest/api/content/${pageId}/state?status=current`, {
      json: { name: 'Legal review', color: '#ff7452' },
      auth: carol,
    });
    assert.equal((again.body as { contentState: Json }).contentState.id, created.id);

    const mine = await site.request('GET', '/wiki/rest/api/content-states', { auth: carol });
    assert.equal(mine.status, 200, mine.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/content-states', 200, mine.body);
    assert.deepEqual(mine.body, [created]);
    const theirs = await site.request('GET', '/wiki/rest/api/content-states', { auth: dave });
    assert.deepEqual(theirs.body, [], "one user's custom states are not another's");

    const available = await site.request('GET', `/wiki/rest/api/content/${pageId}/state/available`, {
      auth: carol,
    });
    assert.equal(available.status, 200, available.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/content/{id}/state/available',
      200,
      available.body,
    );
    const body = available.body as { spaceContentStates: Json[]; customContentStates: Json[] };
    assert.deepEqual(
      body.spaceContentStates.map((item) => item.id),
      [0, 1, 2],
    );
    assert.deepEqual(body.customContentStates, [created]);
  });

  it('removes the state with a new version that has none, answering the state removed', async () => {
    const before = (await site.request('GET', `/wiki/rest/api/content/${pageId}?expand=version`)).body as {
      version: { number: number };
    };
    const removed = await site.request('DELETE', `/wiki/rest/api/content/${pageId}/state`);
    assert.equal(removed.status, 200, removed.text);
    assertMatchesSpec('cloud-v1-2026', 'DELETE', '/wiki/rest/api/content/{id}/state', 200, removed.body);
    assert.equal((removed.body as { contentState: Json }).contentState.name, 'Legal review');
    assert.deepEqual((await state(pageId)).body, {});
    const edited = await site.request('PUT', `/wiki/rest/api/content/${pageId}`, {
      json: { type: 'page', title: 'Stateful', version: { number: before.version.number + 2 } },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual((await state(pageId)).body, {}, 'nor does a later version bring the removed state back');
    const after = (await site.request('GET', `/wiki/rest/api/content/${pageId}?expand=version`)).body as {
      version: { number: number };
    };
    assert.equal(after.version.number, before.version.number + 2);
  });

  it('refuses a state to a caller who may not edit the page, changing nothing', async () => {
    const refused = await site.request('PUT', `/wiki/rest/api/content/${guardedId}/state?status=current`, {
      json: { id: 0 },
      auth: dave,
    });
    assertRestError(refused, 403);
    assert.deepEqual((await state(guardedId)).body, {});
    assertRestError(
      await site.request('GET', `/wiki/rest/api/content/${guardedId}/state/available`, { auth: dave }),
      403,
    );
  });

  it('answers 400 for bad input and 404 for missing content', async () => {
    const put = (json: unknown, query = '?status=current') =>
      site.request('PUT', `/wiki/rest/api/content/${pageId}/state${query}`, { json });
    assertRestError(await put({ id: 1 }, ''), 400, /status/);
    assertRestError(await put({ id: 1 }, '?status=archived'), 400, /status/);
    assertRestError(await put({}), 400, /required/);
    assertRestError(await put({ name: 'x'.repeat(21), color: '#ffffff' }), 400, /20 characters/);
    assertRestError(await put({ name: 'Ok', color: 'red' }), 400, /hex/);
    assertRestError(await put({ id: 999 }), 400, /No content state/);
    assertRestError(await state('999999'), 404);
    assertRestError(await state('abc'), 400);
  });
});
