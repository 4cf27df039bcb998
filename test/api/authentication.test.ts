import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

describe('authentication', () => {
  let site: TestServer;
  let bobToken: string;

  before(async () => {
    site = await startTestServer();
    await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'bob', fullName: 'Bob Builder', email: 'Bob@Example.com', password: 'bob-pw' },
    });
    const created = await site.server.site.services.store.users.findByUsername('bob');
    assert.ok(created);
    const { createToken } = await import('../../src/services/tokens/create-token.ts');
    const { systemPrincipal } = await import('../../src/domain/principal.ts');
    bobToken = (
      await createToken(site.server.site.services, systemPrincipal, { username: 'bob', name: 'ci' })
    ).secret;
  });
  after(() => site.dispose());

  const currentUser = async (auth: Parameters<TestServer['request']>[2]) =>
    site.request('GET', '/rest/api/user/current', auth);

  it('accepts Basic auth with the username and password', async () => {
    const response = await currentUser({ auth: ['admin', adminPassword] });
    assert.equal(response.status, 200);
    assert.equal((response.body as { username: string }).username, 'admin');
  });

  it('accepts Basic auth with the email in any case and the password', async () => {
    const response = await currentUser({ auth: ['BOB@example.COM', 'bob-pw'] });
    assert.equal(response.status, 200);
    assert.equal((response.body as { username: string }).username, 'bob');
  });

  it("accepts Cloud's email:api_token Basic auth", async () => {
    const response = await currentUser({ auth: ['bob@example.com', bobToken] });
    assert.equal(response.status, 200);
  });

  it('accepts a Data Center personal access token as a Bearer token', async () => {
    const response = await currentUser({ auth: { bearer: bobToken } });
    assert.equal(response.status, 200);
    assert.equal((response.body as { username: string }).username, 'bob');
  });

  it("refuses another user's token as a Basic password", async () => {
    const response = await currentUser({ auth: ['admin', bobToken] });
    assert.equal(response.status, 401);
  });

  for (const [what, auth] of [
    ['a wrong password', ['admin', 'wrong'] as [string, string]],
    ['an unknown user', ['nobody', 'x'] as [string, string]],
    ['an unknown bearer token', { bearer: 'trb_nope' }],
    ['no credentials', null],
  ] as const) {
    it(`answers 401 with WWW-Authenticate and a RestError for ${what}`, async () => {
      const response = await currentUser({ auth });
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Basic realm=/);
      assert.equal(response.headers.get('content-type'), 'application/json;charset=UTF-8');
      assertMatchesSpec('dc', 'PUT', '/rest/api/user/current', 401, response.body);
      assert.equal((response.body as { statusCode: number }).statusCode, 401);
    });
  }

  it('answers 401 for an Authorization header it cannot read', async () => {
    const response = await currentUser({ auth: null, headers: { authorization: 'Basic !!!notbase64' } });
    assert.equal(response.status, 401);
    const garbled = await currentUser({ auth: null, headers: { authorization: 'Digest abc' } });
    assert.equal(garbled.status, 401);
  });

  it('shuts out a disabled user, with password and with token, and lets them back when enabled', async () => {
    assert.equal((await site.request('PUT', '/rest/api/admin/user/bob/disable')).status, 204);
    assert.equal((await currentUser({ auth: ['bob', 'bob-pw'] })).status, 401);
    assert.equal((await currentUser({ auth: { bearer: bobToken } })).status, 401);
    assert.equal((await site.request('PUT', '/rest/api/admin/user/bob/enable')).status, 204);
    assert.equal((await currentUser({ auth: ['bob', 'bob-pw'] })).status, 200);
  });

  it('lets nothing but /status answer without credentials', async () => {
    for (const path of [
      '/rest/api/user/list',
      '/wiki/rest/api/group',
      '/wiki/api/v2/users-bulk',
      '/nowhere',
    ]) {
      const response = await site.request('GET', path, { auth: null });
      assert.equal(response.status, 401, path);
    }
    const status = await site.request('GET', '/status', { auth: null });
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { state: 'RUNNING' });
  });

  it('sends the same credentials through the Cloud prefix', async () => {
    const response = await site.request('GET', '/wiki/rest/api/user/current', {
      headers: { authorization: basic('admin', adminPassword) },
      auth: null,
    });
    assert.equal(response.status, 200);
  });
});

describe('anonymous access', () => {
  it('is refused by default and allowed when enabled, as the anonymous user', async () => {
    const closed = await startTestServer();
    try {
      assert.equal((await closed.request('GET', '/rest/api/group', { auth: null })).status, 401);
    } finally {
      await closed.dispose();
    }
    const open = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    try {
      const current = await open.request('GET', '/rest/api/user/current', { auth: null });
      assert.equal(current.status, 403);
      const wrong = await open.request('GET', '/rest/api/user/current', { auth: ['admin', 'wrong'] });
      // A wrong credential is a failed login, never a fall-through to anonymous (CONFSERVER-98199).
      assert.equal(wrong.status, 401);
    } finally {
      await open.dispose();
    }
  });
});
