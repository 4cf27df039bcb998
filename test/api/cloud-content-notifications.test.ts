import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; size: number };
const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

describe('who is notified of content, and who may act on it', () => {
  let site: TestServer;
  let pageId = '';
  let secretId = '';
  const accounts: Record<string, string> = {};
  const groups: Record<string, string> = {};

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave']) {
      await aUser(site, name);
      const me = await site.request('GET', '/wiki/rest/api/user/current', { auth: [name, `${name}-pw`] });
      accounts[name] = String((me.body as Json).accountId);
    }
    assert.equal(
      (await site.request('POST', '/rest/api/admin/group', { json: { name: 'team' } })).status,
      200,
    );
    for (const name of ['team', 'confluence-users']) {
      groups[name] = String(((await site.request('GET', `/wiki/rest/api/group/${name}`)).body as Json).id);
    }
    await aSpace(site, 'NTF');
    pageId = String((await aPage(site, 'NTF', 'Watched page')).id);
    secretId = String((await aPage(site, 'NTF', 'Secret page')).id);
    // dave watches the secret page before it is restricted to carol.
    for (const [auth, path] of [
      [carol, `/rest/api/user/watch/content/${pageId}`],
      [dave, `/rest/api/user/watch/content/${secretId}`],
      [carol, `/rest/api/user/watch/content/${secretId}`],
      [dave, '/rest/api/user/watch/space/NTF'],
    ] as const) {
      const watched = await site.request('POST', path, { auth: [...auth], headers: noCheck });
      assert.equal(watched.status, 204, watched.text);
    }
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${secretId}/restriction/byOperation/read/user?username=carol`,
    );
    assert.equal(restricted.status, 200, restricted.text);
  });
  after(() => site.dispose());

  const watchersOf = async (id: string, which: 'child-created' | 'created') => {
    const response = await site.request('GET', `/wiki/rest/api/content/${id}/notification/${which}`);
    assert.equal(response.status, 200, response.text);
    return response;
  };

  it("lists the content's watchers as those told of it", async () => {
    const response = await watchersOf(pageId, 'child-created');
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/content/{id}/notification/child-created',
      200,
      response.body,
    );
    const listing = response.body as Listing;
    assert.deepEqual(
      listing.results.map((watch) => (watch.watcher as Json).accountId),
      [accounts.carol],
    );
    assert.equal(listing.results[0]?.contentId, Number(pageId));
  });

  it("lists the space's watchers, and leaves out watchers who may not see the content", async () => {
    const space = await watchersOf(pageId, 'created');
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/content/{id}/notification/created',
      200,
      space.body,
    );
    assert.deepEqual(
      (space.body as Listing).results.map((watch) => [(watch.watcher as Json).accountId, watch.spaceKey]),
      [[accounts.dave, 'NTF']],
    );
    const secret = (await watchersOf(secretId, 'child-created')).body as Listing;
    assert.deepEqual(
      secret.results.map((watch) => (watch.watcher as Json).accountId),
      [accounts.carol],
      'dave watches the secret page but may not read it',
    );
    assert.equal(((await watchersOf(secretId, 'created')).body as Listing).size, 0);
    assertRestError(
      await site.request('GET', `/wiki/rest/api/content/${secretId}/notification/created`, { auth: dave }),
      404,
    );
  });

  const check = (id: string, subject: Json, operation: string, auth?: [string, string]) =>
    site.request('POST', `/wiki/rest/api/content/${id}/permission/check`, {
      json: { subject, operation },
      ...(auth && { auth }),
    });

  it('checks a user through space permissions and restrictions', async () => {
    const mayRead = await check(pageId, { type: 'user', identifier: accounts.dave }, 'read');
    assert.equal(mayRead.status, 200, mayRead.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'POST',
      '/wiki/rest/api/content/{id}/permission/check',
      200,
      mayRead.body,
    );
    assert.equal((mayRead.body as Json).hasPermission, true);
    const hidden = await check(secretId, { type: 'user', identifier: accounts.dave }, 'read');
    assert.deepEqual(hidden.body, {
      ...(hidden.body as Json),
      hasPermission: false,
      errors: [{ translation: 'User does not have permission to the content', args: [] }],
    });
    const own = await check(pageId, { type: 'user', identifier: accounts.carol }, 'delete', carol);
    assert.equal((own.body as Json).hasPermission, false, 'members may not delete pages they did not write');
    const anonymous = await check(pageId, { type: 'user', identifier: 'anonymous' }, 'read');
    assert.equal((anonymous.body as Json).hasPermission, false);
  });

  it('checks a group through its own grants', async () => {
    const members = await check(pageId, { type: 'group', identifier: groups['confluence-users'] }, 'update');
    assert.equal((members.body as Json).hasPermission, true);
    const team = await check(pageId, { type: 'group', identifier: groups.team }, 'read');
    assert.deepEqual((team.body as { errors: Json[] }).errors, [
      { translation: 'Group does not have permission to the space', args: [] },
    ]);
  });

  it('refuses a non-administrator checking someone else, and answers 400 and 404 for bad input', async () => {
    assertRestError(await check(pageId, { type: 'user', identifier: accounts.carol }, 'read', dave), 403);
    assertRestError(
      await check(pageId, { type: 'user', identifier: accounts.carol }, 'purge'),
      400,
      /operation/,
    );
    assertRestError(await check(pageId, { type: 'robot', identifier: 'x' }, 'read'), 400, /subject/);
    assertRestError(await check(pageId, { type: 'group', identifier: '999999' }, 'read'), 404);
    assertRestError(await check('999999', { type: 'user', identifier: 'anonymous' }, 'read'), 404);
  });
});
