import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('the anonymous user, own profile and unlicensed permissions', () => {
  let site: TestServer;
  const ann: [string, string] = ['ann', 'ann-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ann');
    await aUser(site, 'bob');
  });
  after(() => site.dispose());

  describe('GET /user/anonymous', () => {
    it('shows how anonymous visitors are represented, in the DC shape', async () => {
      const response = await site.request('GET', '/rest/api/user/anonymous', { auth: ann });
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('dc', 'GET', '/rest/api/user/anonymous', 200, response.body);
      const body = response.body as Json;
      assert.equal(body.type, 'anonymous');
      assert.equal(body.displayName, 'Anonymous');
    });

    it("lists anonymous's global permissions on Cloud when operations are expanded", async () => {
      const plain = await site.request('GET', '/wiki/rest/api/user/anonymous', { auth: ann });
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/anonymous', 200, plain.body);
      assert.deepEqual((plain.body as Json)._expandable, { operations: '' });
      const none = await site.request('GET', '/wiki/rest/api/user/anonymous?expand=operations', {
        auth: ann,
      });
      assert.deepEqual((none.body as Json).operations, []);
      const granted = await site.request('PUT', '/rest/api/permissions/anonymous/grant', {
        json: [{ targetType: 'application', operationKey: 'use' }],
      });
      assert.equal(granted.status, 204, granted.text);
      const some = await site.request('GET', '/wiki/rest/api/user/anonymous?expand=operations', {
        auth: ann,
      });
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/user/anonymous', 200, some.body);
      assert.deepEqual((some.body as Json).operations, [{ operation: 'use', targetType: 'application' }]);
    });

    it('needs a signed-in caller while anonymous access is off', async () => {
      const response = await site.request('GET', '/rest/api/user/anonymous', { auth: null });
      assert.equal(response.status, 401);
    });
  });

  describe('PUT /user/current', () => {
    const current = async (auth: [string, string]) =>
      (await site.request('GET', '/rest/api/user/current', { auth })).body as Json;

    it("changes the caller's full name, and reads it back", async () => {
      const response = await site.request('PUT', '/rest/api/user/current', {
        auth: ann,
        json: { fullName: 'Ann Other' },
      });
      assert.equal(response.status, 204, response.text);
      assert.equal((await current(ann)).displayName, 'Ann Other');
      assert.equal((await current(['bob', 'bob-pw'])).displayName, 'bob Example');
    });

    it('changes the email only with the right current password', async () => {
      const without = await site.request('PUT', '/rest/api/user/current', {
        auth: ann,
        json: { email: 'ann@new.example' },
      });
      assertRestError(without, 400, /current password/);
      const wrong = await site.request('PUT', '/rest/api/user/current', {
        auth: ann,
        json: { email: 'ann@new.example', currentPassword: 'nope' },
      });
      assertRestError(wrong, 403, /incorrect/);
      const right = await site.request('PUT', '/rest/api/user/current', {
        auth: ann,
        json: { email: 'ann@new.example', currentPassword: 'ann-pw' },
      });
      assert.equal(right.status, 204, right.text);
      const cloud = await site.request('GET', '/wiki/rest/api/user/current', { auth: ann });
      assert.equal((cloud.body as Json).email, 'ann@new.example');
    });

    it('refuses a blank full name, one with angle brackets, a bad email, and an empty change', async () => {
      for (const json of [{ fullName: '  ' }, { fullName: 'Ann <b>' }, { email: 'not-an-email' }, {}]) {
        const response = await site.request('PUT', '/rest/api/user/current', { auth: ann, json });
        assertRestError(response, 400);
      }
      assert.equal((await current(ann)).displayName, 'Ann Other');
    });

    it('refuses an email another user has', async () => {
      const response = await site.request('PUT', '/rest/api/user/current', {
        auth: ann,
        json: { email: 'bob@example.com', currentPassword: 'ann-pw' },
      });
      assertRestError(response, 409);
    });
  });

  describe('/permissions/unlicensed', () => {
    const held = async () => {
      const response = await site.request('GET', '/rest/api/permissions/unlicensed');
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('dc', 'GET', '/rest/api/permissions/unlicensed', 200, response.body);
      return (response.body as { operation: { targetType: string; operationKey: string } }[]).map(
        ({ operation }) => `${operation.targetType}:${operation.operationKey}`,
      );
    };
    const change = (action: 'grant' | 'revoke', json: unknown, auth?: [string, string]) =>
      site.request('PUT', `/rest/api/permissions/unlicensed/${action}`, { json, ...(auth && { auth }) });

    it('starts with nothing granted, stores grants and reads them back', async () => {
      assert.deepEqual(await held(), []);
      const granted = await change('grant', [
        { targetType: 'read', operationKey: 'user' },
        { targetType: 'user', operationKey: 'read' },
      ]);
      assertRestError(granted, 400, /Unsupported permission/);
      assert.deepEqual(await held(), []);
      assert.equal((await change('grant', [{ targetType: 'user', operationKey: 'read' }])).status, 204);
      assert.equal(
        (await change('grant', [{ targetType: 'application', operationKey: 'use_unlicensed' }])).status,
        204,
      );
      assert.deepEqual(await held(), ['application:use_unlicensed', 'user:read']);
    });

    it('revokes one, and everything with application use_unlicensed', async () => {
      assert.equal((await change('revoke', [{ targetType: 'user', operationKey: 'read' }])).status, 204);
      assert.deepEqual(await held(), ['application:use_unlicensed']);
      await change('grant', [{ targetType: 'user', operationKey: 'read' }]);
      await change('revoke', [{ targetType: 'application', operationKey: 'use_unlicensed' }]);
      assert.deepEqual(await held(), []);
    });

    it('is for site administrators only', async () => {
      assertRestError(await site.request('GET', '/rest/api/permissions/unlicensed', { auth: ann }), 403);
      assertRestError(await change('grant', [{ targetType: 'user', operationKey: 'read' }], ann), 403);
      assert.deepEqual(await held(), []);
    });

    it('refuses a body that is not an array of operations', async () => {
      assertRestError(await change('grant', { targetType: 'user', operationKey: 'read' }), 400);
    });
  });
});
