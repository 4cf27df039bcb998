import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Auth = RequestOptions['auth'];

const v2 = '/wiki/api/v2';

describe('Cloud v2 site access by email, app properties and admin keys', () => {
  let site: TestServer;
  const ann: Auth = ['ann', 'ann-pw'];
  const bob: Auth = ['bob', 'bob-pw'];
  let reporter: Auth;
  let exporter: Auth;
  let annOwnToken: Auth;
  const services = () => site.server.site.services;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ann');
    await aUser(site, 'bob');
    reporter = {
      bearer: (await addApp(services(), systemPrincipal, { name: 'Reporter', username: 'ann' })).secret,
    };
    exporter = {
      bearer: (await addApp(services(), systemPrincipal, { name: 'Exporter', username: 'ann' })).secret,
    };
    annOwnToken = {
      bearer: (await createToken(services(), systemPrincipal, { username: 'ann', name: 'own' })).secret,
    };
  });
  after(() => site.dispose());

  describe('POST /user/access/check-access-by-email and invite-by-email', () => {
    const check = (emails: unknown, auth: Auth = ann) =>
      site.request('POST', `${v2}/user/access/check-access-by-email`, { auth, json: { emails } });
    const invite = (emails: unknown, auth?: Auth) =>
      site.request('POST', `${v2}/user/access/invite-by-email`, { json: { emails }, ...(auth && { auth }) });

    it('reports which emails have no site access and which are not emails at all', async () => {
      const response = await check(['ann@example.com', 'carol@example.com', 'not an email']);
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('cloud-v2', 'POST', '/user/access/check-access-by-email', 200, response.body);
      assert.deepEqual(response.body, {
        emailsWithoutAccess: ['carol@example.com'],
        invalidEmails: ['not an email'],
      });
    });

    it('counts a disabled user as without access', async () => {
      assert.equal((await site.request('PUT', '/rest/api/admin/user/bob/disable')).status, 204);
      assert.deepEqual((await check(['bob@example.com'])).body, {
        emailsWithoutAccess: ['bob@example.com'],
        invalidEmails: [],
      });
      assert.equal((await site.request('PUT', '/rest/api/admin/user/bob/enable')).status, 204);
    });

    it('invites new emails as users who wait for access, and leaves existing users alone', async () => {
      const response = await invite(['Carol@Example.com', 'ann@example.com', 'bad']);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body, { emailsWithoutAccess: ['Carol@Example.com'], invalidEmails: ['bad'] });
      const carol = await site.request('GET', '/rest/api/user?username=carol@example.com');
      assert.equal(carol.status, 200, carol.text);
      const groups = await site.request('GET', '/rest/api/user/memberof?username=carol@example.com');
      assert.deepEqual((groups.body as { results: Json[] }).results, []);
      // Given access by an administrator, the invited user has it.
      await site.request('PUT', '/rest/api/user/carol@example.com/group/confluence-users');
      assert.deepEqual((await check(['carol@example.com'])).body, {
        emailsWithoutAccess: [],
        invalidEmails: [],
      });
      const again = await invite(['carol@example.com']);
      assert.deepEqual(again.body, { emailsWithoutAccess: [], invalidEmails: [] });
    });

    it('lets only administrators invite, and refuses bad bodies', async () => {
      assertV2Error(await invite(['dave@example.com'], ann), 404, 'NOT_FOUND');
      assert.equal((await site.request('GET', '/rest/api/user?username=dave@example.com')).status, 404);
      for (const emails of [
        [],
        'ann@example.com',
        [1],
        Array.from({ length: 101 }, (_, i) => `u${i}@x.org`),
      ]) {
        assertV2Error(await check(emails), 400, 'BAD_REQUEST');
      }
      const noBody = await site.request('POST', `${v2}/user/access/check-access-by-email`, {
        auth: ann,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(noBody.status, 400, noBody.text);
    });
  });

  describe('app properties', () => {
    const path = (key = '') => `${v2}/app/properties${key ? `/${key}` : ''}`;

    it('creates (201) and updates (200) a property the app reads back', async () => {
      const created = await site.request('PUT', path('prefs'), { auth: reporter, json: { theme: 'dark' } });
      assert.equal(created.status, 201, created.text);
      const updated = await site.request('PUT', path('prefs'), { auth: reporter, json: { theme: 'light' } });
      assert.equal(updated.status, 200, updated.text);
      const read = await site.request('GET', path('prefs'), { auth: reporter });
      assert.equal(read.status, 200, read.text);
      assertMatchesSpec('cloud-v2', 'GET', '/app/properties/{propertyKey}', 200, read.body);
      assert.deepEqual(read.body, { key: 'prefs', value: { theme: 'light' } });
    });

    it('lists the properties by key with a cursor', async () => {
      for (const key of ['a', 'b']) {
        await site.request('PUT', path(key), { auth: reporter, json: { key } });
      }
      const first = await site.request('GET', `${path()}?limit=2`, { auth: reporter });
      assertMatchesSpec('cloud-v2', 'GET', '/app/properties', 200, first.body);
      const body = first.body as { results: Json[]; _links: { next?: string } };
      assert.deepEqual(
        body.results.map((property) => property.key),
        ['a', 'b'],
      );
      assert.ok(body._links.next);
      const next = await site.request('GET', body._links.next.replace(/^\/wiki\/api\/v2/, v2), {
        auth: reporter,
      });
      const rest = next.body as { results: Json[]; _links: { next?: string } };
      assert.deepEqual(
        rest.results.map((property) => property.key),
        ['prefs'],
      );
      assert.equal(rest._links.next, undefined);
    });

    it("keeps each app's properties its own", async () => {
      assertV2Error(await site.request('GET', path('prefs'), { auth: exporter }), 404, 'NOT_FOUND');
      const listed = await site.request('GET', path(), { auth: exporter });
      assert.deepEqual((listed.body as { results: Json[] }).results, []);
    });

    it('refuses requests not made as an app', async () => {
      for (const auth of [ann, annOwnToken, undefined]) {
        const response = await site.request('GET', path('prefs'), auth ? { auth } : {});
        assertV2Error(response, 403, 'FORBIDDEN');
      }
      assertV2Error(await site.request('PUT', path('x'), { auth: ann, json: { a: 1 } }), 403, 'FORBIDDEN');
    });

    it('refuses a key over 127 characters and a missing value', async () => {
      const long = 'k'.repeat(128);
      assertV2Error(
        await site.request('PUT', path(long), { auth: reporter, json: { a: 1 } }),
        400,
        'BAD_REQUEST',
      );
      const empty = await site.request('PUT', path('empty'), { auth: reporter });
      assert.equal(empty.status, 400, empty.text);
      assertV2Error(await site.request('GET', path('empty'), { auth: reporter }), 404, 'NOT_FOUND');
    });

    it('deletes a property', async () => {
      assert.equal((await site.request('DELETE', path('a'), { auth: reporter })).status, 204);
      assertV2Error(await site.request('GET', path('a'), { auth: reporter }), 404, 'NOT_FOUND');
      assertV2Error(await site.request('DELETE', path('a'), { auth: reporter }), 404, 'NOT_FOUND');
    });
  });

  describe('admin keys', () => {
    let pageId = '';
    let bobKey = '';

    before(async () => {
      await aSpace(site, 'VAULT', 'Vault');
      pageId = String((await aPage(site, 'VAULT', 'Secrets')).id);
      const restricted = await site.request(
        'PUT',
        `/rest/api/content/${pageId}/restriction/byOperation/read/user?username=admin`,
      );
      assert.ok(restricted.status < 300, restricted.text);
      const dc = (await site.request('GET', '/rest/api/user?username=bob')).body as Json;
      bobKey = String(dc.userKey);
      // bob may administer the site through the global permission, without being in confluence-administrators.
      const granted = await site.request('PUT', `/rest/api/permissions/user/${bobKey}/grant`, {
        json: [{ targetType: 'application', operationKey: 'administer' }],
      });
      assert.equal(granted.status, 204, granted.text);
    });

    async function accountIdOf(username: string) {
      const users = (await site.request('GET', '/wiki/rest/api/user/list?limit=100')).body as {
        results: Json[];
      };
      const dc = (await site.request('GET', `/rest/api/user?username=${username}`)).body as Json;
      const match = users.results.find((user) => user.displayName === dc.displayName);
      return String(match?.accountId);
    }

    const bobSeesSecrets = async () =>
      (await site.request('GET', `/rest/api/content/${pageId}`, { auth: bob })).status;

    it('answers 404 while the caller has no key, or may not hold one', async () => {
      assertV2Error(await site.request('GET', `${v2}/admin-key`, { auth: bob }), 404, 'NOT_FOUND');
      assertV2Error(await site.request('POST', `${v2}/admin-key`, { auth: ann, json: {} }), 404, 'NOT_FOUND');
      assertV2Error(await site.request('DELETE', `${v2}/admin-key`, { auth: ann }), 404, 'NOT_FOUND');
      assert.equal(await bobSeesSecrets(), 404);
    });

    it('issues a key for the time asked, which lifts the holder past restrictions until it is deleted', async () => {
      const before = Date.now();
      const issued = await site.request('POST', `${v2}/admin-key`, {
        auth: bob,
        json: { durationInMinutes: 5 },
      });
      assert.equal(issued.status, 200, issued.text);
      assertMatchesSpec('cloud-v2', 'POST', '/admin-key', 200, issued.body);
      const body = issued.body as { accountId: string; expirationTime: string };
      assert.equal(body.accountId, await accountIdOf('bob'));
      const expiresMs = Date.parse(body.expirationTime);
      assert.ok(expiresMs >= before + 5 * 60_000 - 1000 && expiresMs <= Date.now() + 5 * 60_000 + 1000);
      const read = await site.request('GET', `${v2}/admin-key`, { auth: bob });
      assertMatchesSpec('cloud-v2', 'GET', '/admin-key', 200, read.body);
      assert.deepEqual(read.body, issued.body);

      assert.equal(await bobSeesSecrets(), 200);
      const adminOnly = await site.request('POST', '/rest/api/admin/group', {
        auth: bob,
        json: { name: 'keyed' },
      });
      assert.equal(adminOnly.status, 200, adminOnly.text);

      assert.equal((await site.request('DELETE', `${v2}/admin-key`, { auth: bob })).status, 204);
      assert.equal(await bobSeesSecrets(), 404);
      assertV2Error(await site.request('GET', `${v2}/admin-key`, { auth: bob }), 404, 'NOT_FOUND');
      assert.equal((await site.request('DELETE', `${v2}/admin-key`, { auth: bob })).status, 204);
    });

    it('gives ten minutes when no duration is asked for, and refuses a bad one', async () => {
      const issued = await site.request('POST', `${v2}/admin-key`, { auth: bob, json: {} });
      const expiresMs = Date.parse((issued.body as { expirationTime: string }).expirationTime);
      assert.ok(Math.abs(expiresMs - (Date.now() + 10 * 60_000)) < 5000);
      for (const json of [
        { durationInMinutes: -1 },
        { durationInMinutes: 'soon' },
        { durationInMinutes: 1.5 },
      ]) {
        assertV2Error(await site.request('POST', `${v2}/admin-key`, { auth: bob, json }), 400, 'BAD_REQUEST');
      }
      const read = await site.request('GET', `${v2}/admin-key`, { auth: bob });
      assert.deepEqual(read.body, issued.body);
    });

    it('is not honoured once expired, nor once the holder loses the right to administer', async () => {
      assert.equal(await bobSeesSecrets(), 200);
      const bobUser = await services().store.users.findByUsername('bob');
      assert.ok(bobUser);
      const nowMs = Date.now();
      await services().store.adminKeys.put({
        userId: bobUser.id,
        createdAtMs: nowMs - 60_000,
        expiresAtMs: nowMs - 1,
      });
      assert.equal(await bobSeesSecrets(), 404);
      assertV2Error(await site.request('GET', `${v2}/admin-key`, { auth: bob }), 404, 'NOT_FOUND');

      await site.request('POST', `${v2}/admin-key`, { auth: bob, json: {} });
      assert.equal(await bobSeesSecrets(), 200);
      const revoked = await site.request('PUT', `/rest/api/permissions/user/${bobKey}/revoke`, {
        json: [{ targetType: 'application', operationKey: 'administer' }],
      });
      assert.equal(revoked.status, 204, revoked.text);
      assert.equal(await bobSeesSecrets(), 404);
      assertV2Error(await site.request('GET', `${v2}/admin-key`, { auth: bob }), 404, 'NOT_FOUND');
    });

    it('lets a site administrator hold one too', async () => {
      const issued = await site.request('POST', `${v2}/admin-key`, { json: { durationInMinutes: 0 } });
      assert.equal(issued.status, 200, issued.text);
      const read = await site.request('GET', `${v2}/admin-key`);
      assert.equal((read.body as Json).accountId, await accountIdOf('admin'));
    });
  });
});
