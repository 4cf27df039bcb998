import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Page = { results: Json[]; size: number };

const api = '/wiki/rest/api';

describe('Cloud v1 users, user properties and groups by id', () => {
  let site: TestServer;
  const ann: [string, string] = ['ann', 'ann-pw'];
  const accountIds: Record<string, string> = {};

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ann');
    await aUser(site, 'bob');
    // Cloud shows account ids, not usernames; the builders name each user `<name> Example`.
    const list = (await site.request('GET', `${api}/user/list?limit=100`)).body as Page;
    for (const user of list.results) {
      accountIds[String(user.displayName).split(' ')[0] ?? ''] = String(user.accountId);
    }
    assert.ok(accountIds.ann && accountIds.bob);
  });
  after(() => site.dispose());

  describe('GET /user/bulk', () => {
    it('answers the users asked for, leaving out unknown ids, and shows emails only to administrators', async () => {
      const ids = `${accountIds.ann},nobody,${accountIds.bob}`;
      const asAdmin = await site.request('GET', `${api}/user/bulk?accountId=${ids}`);
      assert.equal(asAdmin.status, 200, asAdmin.text);
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/bulk', 200, asAdmin.body);
      const results = (asAdmin.body as Page).results;
      assert.deepEqual(
        results.map((user) => [user.accountId, user.email]),
        [
          [accountIds.ann, 'ann@example.com'],
          [accountIds.bob, 'bob@example.com'],
        ],
      );
      const asAnn = await site.request('GET', `${api}/user/bulk?accountId=${ids}`, { auth: ann });
      assert.deepEqual(
        (asAnn.body as Page).results.map((user) => user.email),
        ['ann@example.com', ''],
      );
    });

    it('takes repeated accountId parameters too, and needs at least one', async () => {
      const repeated = await site.request(
        'GET',
        `${api}/user/bulk?accountId=${accountIds.ann}&accountId=${accountIds.bob}`,
      );
      assert.equal((repeated.body as Page).size, 2);
      assertRestError(await site.request('GET', `${api}/user/bulk`), 400, /accountId/);
    });
  });

  describe('GET /user/email and /user/email/bulk', () => {
    it("gives an administrator anyone's address", async () => {
      const one = await site.request('GET', `${api}/user/email?accountId=${accountIds.bob}`);
      assert.equal(one.status, 200, one.text);
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/email', 200, one.body);
      assert.deepEqual(one.body, { accountId: accountIds.bob, email: 'bob@example.com' });
      const many = await site.request(
        'GET',
        `${api}/user/email/bulk?accountId=${accountIds.ann}&accountId=nobody&accountId=${accountIds.bob}`,
      );
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/email/bulk', 200, many.body);
      assert.deepEqual(
        (many.body as Json[]).map((record) => record.email),
        ['ann@example.com', 'bob@example.com'],
      );
    });

    it("gives a user their own address but not anyone else's", async () => {
      const own = await site.request('GET', `${api}/user/email?accountId=${accountIds.ann}`, { auth: ann });
      assert.equal(own.status, 200, own.text);
      assertRestError(
        await site.request('GET', `${api}/user/email?accountId=${accountIds.bob}`, { auth: ann }),
        403,
      );
      const bulk = await site.request('GET', `${api}/user/email/bulk?accountId=${accountIds.bob}`, {
        auth: ann,
      });
      assertRestError(bulk, 403);
    });

    it('answers 404 for an unknown account and 400 without one', async () => {
      assertRestError(await site.request('GET', `${api}/user/email?accountId=nobody`), 404);
      assertRestError(await site.request('GET', `${api}/user/email`), 400);
      assertRestError(await site.request('GET', `${api}/user/email/bulk`), 400);
    });
  });

  describe('user properties', () => {
    const path = (name: string, key = '') =>
      `${api}/user/${accountIds[name]}/property${key ? `/${key}` : ''}`;

    it('creates a property, reads it back, lists its key, updates and deletes it', async () => {
      const created = await site.request('POST', path('ann', 'theme'), {
        auth: ann,
        json: { value: { dark: true } },
      });
      assert.equal(created.status, 201, created.text);
      const read = await site.request('GET', path('ann', 'theme'), { auth: ann });
      assert.equal(read.status, 200, read.text);
      assertMatchesSpec(
        'cloud-v1-2026',
        'GET',
        '/wiki/rest/api/user/{userId}/property/{key}',
        200,
        read.body,
      );
      assert.deepEqual((read.body as Json).value, { dark: true });

      await site.request('POST', path('ann', 'alpha'), { auth: ann, json: { value: { a: 1 } } });
      const keys = await site.request('GET', `${path('ann')}?limit=1`, { auth: ann });
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/{userId}/property', 200, keys.body);
      assert.deepEqual((keys.body as Page).results, [{ key: 'alpha' }]);
      const rest = await site.request('GET', `${path('ann')}?start=1`, { auth: ann });
      assert.deepEqual((rest.body as Page).results, [{ key: 'theme' }]);

      const updated = await site.request('PUT', path('ann', 'theme'), {
        auth: ann,
        json: { value: { dark: false } },
      });
      assert.equal(updated.status, 204, updated.text);
      const reread = await site.request('GET', path('ann', 'theme'), { auth: ann });
      assert.deepEqual((reread.body as Json).value, { dark: false });

      assert.equal((await site.request('DELETE', path('ann', 'theme'), { auth: ann })).status, 204);
      assertRestError(await site.request('GET', path('ann', 'theme'), { auth: ann }), 404);
      assertRestError(await site.request('DELETE', path('ann', 'theme'), { auth: ann }), 404);
    });

    it('refuses a second property with the same key, and an update of a missing one', async () => {
      assertRestError(
        await site.request('POST', path('ann', 'alpha'), { auth: ann, json: { value: { b: 2 } } }),
        409,
      );
      assertRestError(
        await site.request('PUT', path('ann', 'missing'), { auth: ann, json: { value: { b: 2 } } }),
        404,
      );
      const read = await site.request('GET', path('ann', 'alpha'), { auth: ann });
      assert.deepEqual((read.body as Json).value, { a: 1 });
    });

    it("keeps one user out of another's properties, but not an administrator", async () => {
      assertRestError(await site.request('GET', path('bob'), { auth: ann }), 403);
      assertRestError(
        await site.request('POST', path('bob', 'x'), { auth: ann, json: { value: { x: 1 } } }),
        403,
      );
      const byAdmin = await site.request('POST', path('bob', 'x'), { json: { value: { x: 1 } } });
      assert.equal(byAdmin.status, 201, byAdmin.text);
      const keys = await site.request('GET', path('bob'));
      assert.deepEqual((keys.body as Page).results, [{ key: 'x' }]);
    });

    it('refuses a bad key, an empty or non-object value, and an unknown user', async () => {
      for (const json of [{ value: {} }, { value: 'text' }, { value: [1] }, {}, { other: { a: 1 } }]) {
        assertRestError(await site.request('POST', path('ann', 'bad'), { auth: ann, json }), 400);
      }
      assertRestError(
        await site.request('POST', path('ann', 'bad.key'), { auth: ann, json: { value: { a: 1 } } }),
        400,
      );
      assertRestError(await site.request('GET', `${api}/user/nobody/property`), 404);
      const keys = await site.request('GET', path('ann'), { auth: ann });
      assert.deepEqual((keys.body as Page).results, [{ key: 'alpha' }]);
    });
  });

  describe('groups by id', () => {
    let groupId = '';

    it('creates a group and answers it with its id', async () => {
      const created = await site.request('POST', `${api}/group`, { json: { name: 'Writers' } });
      assert.equal(created.status, 201, created.text);
      assertMatchesSpec('cloud-v1-2026', 'POST', '/wiki/rest/api/group', 201, created.body);
      groupId = String((created.body as Json).id);
      const byId = await site.request('GET', `${api}/group/by-id?id=${groupId}`);
      assert.equal((byId.body as Json).name, 'writers');
      assertRestError(await site.request('POST', `${api}/group`, { json: { name: 'writers' } }), 409);
      assertRestError(await site.request('POST', `${api}/group`, { json: {} }), 400);
      assertRestError(await site.request('POST', `${api}/group`, { auth: ann, json: { name: 'mine' } }), 403);
    });

    it('adds and removes members by account id, listing them by group id', async () => {
      const added = await site.request('POST', `${api}/group/userByGroupId?groupId=${groupId}`, {
        json: { accountId: accountIds.ann },
      });
      assert.equal(added.status, 201, added.text);
      const members = await site.request('GET', `${api}/group/${groupId}/membersByGroupId`);
      assert.equal(members.status, 200, members.text);
      assertMatchesSpec(
        'cloud-v1-2026',
        'GET',
        '/wiki/rest/api/group/{groupId}/membersByGroupId',
        200,
        members.body,
      );
      assert.deepEqual(
        (members.body as Page).results.map((user) => user.accountId),
        [accountIds.ann],
      );

      const removed = await site.request(
        'DELETE',
        `${api}/group/userByGroupId?groupId=${groupId}&accountId=${accountIds.ann}`,
      );
      assert.equal(removed.status, 204, removed.text);
      const after = await site.request('GET', `${api}/group/${groupId}/membersByGroupId`);
      assert.deepEqual((after.body as Page).results, []);
    });

    it('refuses bad membership changes with 400, 403 and 404', async () => {
      const path = `${api}/group/userByGroupId?groupId=${groupId}`;
      assertRestError(await site.request('POST', path, { json: {} }), 400);
      assertRestError(await site.request('POST', path, { json: { accountId: 'nobody' } }), 404);
      assertRestError(
        await site.request('POST', `${api}/group/userByGroupId?groupId=999999`, {
          json: { accountId: accountIds.ann },
        }),
        404,
      );
      assertRestError(
        await site.request('POST', `${api}/group/userByGroupId?groupId=abc`, {
          json: { accountId: accountIds.ann },
        }),
        400,
      );
      assertRestError(
        await site.request('POST', path, { auth: ann, json: { accountId: accountIds.ann } }),
        403,
      );
      assertRestError(await site.request('GET', `${api}/group/${groupId}/membersByGroupId?limit=201`), 400);
    });

    it('deletes a group by id', async () => {
      assertRestError(await site.request('DELETE', `${api}/group/by-id?id=${groupId}`, { auth: ann }), 403);
      assert.equal((await site.request('DELETE', `${api}/group/by-id?id=${groupId}`)).status, 204);
      assertRestError(await site.request('GET', `${api}/group/by-id?id=${groupId}`), 404);
      assertRestError(await site.request('DELETE', `${api}/group/by-id?id=${groupId}`), 404);
      assertRestError(await site.request('DELETE', `${api}/group/by-id`), 400);
    });
  });
});
