import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('watchers of spaces, pages and labels', () => {
  let site: TestServer;
  const jo: [string, string] = ['jo', 'jo-pw'];
  const kim: [string, string] = ['kim', 'kim-pw'];
  let pageId = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'jo');
    await aUser(site, 'kim');
    await aSpace(site, 'WAT');
    pageId = String((await aPage(site, 'WAT', 'Watched')).id);
    for (const auth of [jo, kim]) {
      assert.equal(
        (await site.request('POST', '/rest/api/user/watch/space/WAT', { auth, headers: noCheck })).status,
        204,
      );
    }
    assert.equal(
      (await site.request('POST', `/rest/api/user/watch/content/${pageId}`, { auth: kim, headers: noCheck }))
        .status,
      204,
    );
  });
  after(() => site.dispose());

  it('lists the watchers of a space and of a page for administrators, in the order they started', async () => {
    const space = await site.request('GET', '/rest/api/space/WAT/watchers');
    assert.equal(space.status, 200, space.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/watchers', 200, space.body);
    assert.deepEqual(
      (space.body as { results: Json[] }).results.map((user) => user.username),
      ['jo', 'kim'],
    );
    const paged = await site.request('GET', '/rest/api/space/WAT/watchers?limit=1&start=1');
    assert.deepEqual(
      (paged.body as { results: Json[] }).results.map((user) => user.username),
      ['kim'],
    );

    const page = await site.request('GET', `/rest/api/content/${pageId}/watchers`);
    assert.equal(page.status, 200, page.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{contentId}/watchers', 200, page.body);
    assert.deepEqual(
      (page.body as { results: Json[] }).results.map((user) => user.username),
      ['kim'],
    );

    await site.request('DELETE', `/rest/api/user/watch/content/${pageId}`, { auth: kim });
    const after = await site.request('GET', `/rest/api/content/${pageId}/watchers`);
    assert.equal((after.body as { size: number }).size, 0);
  });

  it('shows Cloud space watches with the watcher by account id', async () => {
    const response = await site.request('GET', '/wiki/rest/api/space/WAT/watch');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/space/{spaceKey}/watch', 200, response.body);
    const results = (response.body as { results: { type: string; spaceKey: string; watcher: Json }[] })
      .results;
    assert.equal(results.length, 2);
    assert.equal(results[0]?.spaceKey, 'WAT');
    assert.equal(typeof results[0]?.watcher.accountId, 'string');
    assert.equal(results[0]?.watcher.username, undefined);
  });

  it('refuses watcher lists to users who do not administer the space, and other content types', async () => {
    assertRestError(await site.request('GET', '/rest/api/space/WAT/watchers', { auth: jo }), 403);
    assertRestError(await site.request('GET', `/rest/api/content/${pageId}/watchers`, { auth: jo }), 403);
    assertRestError(await site.request('GET', '/wiki/rest/api/space/WAT/watch', { auth: jo }), 403);
    assertRestError(await site.request('GET', '/rest/api/space/NONE/watchers'), 404);
    assertRestError(await site.request('GET', '/rest/api/content/999999/watchers'), 404);
    const comment = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'comment',
        container: { id: pageId, type: 'page' },
        body: { storage: { value: '<p>Hi</p>', representation: 'storage' } },
      },
    });
    assert.equal(comment.status, 200, comment.text);
    assertRestError(
      await site.request('GET', `/rest/api/content/${String((comment.body as Json).id)}/watchers`),
      400,
    );
  });

  it('watches and unwatches a label on Cloud, even one nothing carries yet', async () => {
    const path = '/wiki/rest/api/user/watch/label/Roadmap';
    assertRestError(await site.request('GET', path, { auth: jo }), 404);
    assert.equal((await site.request('POST', path, { auth: jo, headers: noCheck })).status, 204);
    const watching = await site.request('GET', path, { auth: jo });
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/user/watch/label/{labelName}',
      200,
      watching.body,
    );
    assert.deepEqual(watching.body, { watching: true });
    assert.deepEqual((await site.request('GET', path, { auth: kim })).body, { watching: false });
    const forJo = await site.request('GET', `${path}?username=jo`);
    assert.deepEqual(forJo.body, { watching: true });
    assertRestError(await site.request('GET', `${path}?username=jo`, { auth: kim }), 403);
    assertRestError(
      await site.request('POST', '/wiki/rest/api/user/watch/label/bad%20name', {
        auth: jo,
        headers: noCheck,
      }),
      400,
    );

    assert.equal((await site.request('DELETE', path, { auth: jo })).status, 204);
    assert.deepEqual((await site.request('GET', path, { auth: jo })).body, { watching: false });
  });
});

describe('space settings and content states (Cloud v1)', () => {
  let site: TestServer;
  const lee: [string, string] = ['lee', 'lee-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'lee');
    await aSpace(site, 'SET');
  });
  after(() => site.dispose());

  it('answers the defaults, then what an administrator set, field by field', async () => {
    const initial = await site.request('GET', '/wiki/rest/api/space/SET/settings', { auth: lee });
    assert.equal(initial.status, 200, initial.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/space/{spaceKey}/settings', 200, initial.body);
    assert.equal((initial.body as Json).routeOverrideEnabled, false);
    assert.equal((initial.body as Json).spaceKey, 'SET');

    const updated = await site.request('PUT', '/wiki/rest/api/space/SET/settings', {
      json: { routeOverrideEnabled: true, contentMode: 'compact' },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('cloud-v1-2026', 'PUT', '/wiki/rest/api/space/{spaceKey}/settings', 200, updated.body);
    const partial = await site.request('PUT', '/wiki/rest/api/space/SET/settings', {
      json: { contentMode: null },
    });
    assert.equal(partial.status, 200, partial.text);
    const read = await site.request('GET', '/wiki/rest/api/space/SET/settings');
    assert.equal((read.body as Json).routeOverrideEnabled, true);
    assert.equal((read.body as Json).contentMode, 'standard');
  });

  it('refuses settings changes from non-administrators and bad fields, changing nothing', async () => {
    assertRestError(
      await site.request('PUT', '/wiki/rest/api/space/SET/settings', {
        auth: lee,
        json: { routeOverrideEnabled: false },
      }),
      403,
    );
    assertRestError(
      await site.request('PUT', '/wiki/rest/api/space/SET/settings', {
        json: { routeOverrideEnabled: 'no' },
      }),
      400,
    );
    assertRestError(
      await site.request('PUT', '/wiki/rest/api/space/SET/settings', { json: { contentMode: 'dense' } }),
      400,
    );
    assertRestError(
      await site.request('PUT', '/wiki/rest/api/space/SET/settings', { json: { theme: 'dark' } }),
      400,
    );
    assertRestError(await site.request('GET', '/wiki/rest/api/space/NONE/settings'), 404);
    const read = await site.request('GET', '/wiki/rest/api/space/SET/settings');
    assert.equal((read.body as Json).routeOverrideEnabled, true);
  });

  it("lists the space's suggested content states and, for administrators, the state settings", async () => {
    const states = await site.request('GET', '/wiki/rest/api/space/SET/state', { auth: lee });
    assert.equal(states.status, 200, states.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/space/{spaceKey}/state', 200, states.body);
    assert.deepEqual(
      (states.body as Json[]).map((state) => state.id),
      [0, 1, 2],
    );

    const settings = await site.request('GET', '/wiki/rest/api/space/SET/state/settings');
    assert.equal(settings.status, 200, settings.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/space/{spaceKey}/state/settings',
      200,
      settings.body,
    );
    assert.equal((settings.body as Json).contentStatesAllowed, true);
    assertRestError(await site.request('GET', '/wiki/rest/api/space/SET/state/settings', { auth: lee }), 403);
  });
});
