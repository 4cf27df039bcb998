import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface Page {
  results: Json[];
  start: number;
  limit: number;
  size: number;
  totalSize: number;
  _links: { base: string; context: string; self: string; next?: string; prev?: string };
}

describe('users and groups on the v1 and Data Center paths', () => {
  let site: TestServer;
  const carol = ['carol', 'carol-pw'] as [string, string];

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave', 'erin']) {
      const created = await site.request('POST', '/rest/api/admin/user', {
        json: {
          userName: name,
          fullName: `${name} Example`,
          email: `${name}@example.com`,
          password: `${name}-pw`,
        },
      });
      assert.equal(created.status, 201);
      assertMatchesSpec('dc', 'POST', '/rest/api/admin/user', 201, created.body);
      assert.match((created.body as { userKey: string }).userKey, /^[0-9a-f]{32}$/);
    }
  });
  after(() => site.dispose());

  it('shows the current user in the Data Center shape with username and userKey', async () => {
    const response = await site.request('GET', '/rest/api/user/current', { auth: carol });
    assert.equal(response.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/user/current', 200, response.body);
    const user = response.body as Json;
    assert.equal(user.type, 'known');
    assert.equal(user.username, 'carol');
    assert.equal(user.displayName, 'carol Example');
    assert.equal((user._links as Json).self, `${site.url}/rest/api/user?key=${user.userKey}`);
    assert.equal(user.accountId, undefined);
  });

  it('shows the current user in the Cloud shape with accountId under /wiki', async () => {
    const response = await site.request('GET', '/wiki/rest/api/user/current', { auth: carol });
    assert.equal(response.status, 200);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/user/current', 200, response.body);
    const user = response.body as Json;
    assert.match(String(user.accountId), /^557058:[0-9a-f-]{36}$/);
    assert.equal(user.email, 'carol@example.com');
    assert.equal(user.accountType, 'atlassian');
    assert.match(
      String((user._links as Json).self),
      new RegExp(`^${site.url}/wiki/rest/api/user\\?accountId=`),
    );
  });

  it('finds a user by username, by key and by accountId, and refuses two selectors at once', async () => {
    const byName = (await site.request('GET', '/rest/api/user?username=dave')).body as Json;
    const byKey = (await site.request('GET', `/rest/api/user?key=${byName.userKey}`)).body as Json;
    assert.equal(byKey.username, 'dave');
    const cloud = (await site.request('GET', '/wiki/rest/api/user?username=dave')).body as Json;
    const byAccount = await site.request('GET', `/wiki/rest/api/user?accountId=${cloud.accountId}`);
    assert.equal((byAccount.body as Json).displayName, 'dave Example');
    const both = await site.request('GET', `/rest/api/user?username=dave&key=${byName.userKey}`);
    assert.equal(both.status, 400);
  });

  it('pages the user list with start, limit, size and a context-relative next link', async () => {
    const first = await site.request('GET', '/rest/api/user/list?limit=2');
    assert.equal(first.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/user/list', 200, first.body);
    const page = first.body as Page;
    assert.deepEqual(
      page.results.map((user) => user.username),
      ['admin', 'carol'],
    );
    assert.equal(page.limit, 2);
    assert.equal(page.size, 2);
    assert.equal(page.totalSize, 4);
    assert.equal(page._links.next, '/rest/api/user/list?limit=2&start=2');
    const second = (await site.request('GET', page._links.next ?? '')).body as Page;
    assert.deepEqual(
      second.results.map((user) => user.username),
      ['dave', 'erin'],
    );
    assert.equal(second._links.next, undefined);
    assert.equal(second._links.prev, '/rest/api/user/list?limit=2&start=0');
  });

  it('keeps Cloud next links free of /wiki, as clients prepend _links.base', async () => {
    const page = (await site.request('GET', '/wiki/rest/api/user/list?limit=1')).body as Page;
    assert.equal(page._links.base, `${site.url}/wiki`);
    assert.equal(page._links.context, '/wiki');
    assert.equal(page._links.next, '/rest/api/user/list?limit=1&start=1');
  });

  it('caps a huge limit and echoes the limit it applied', async () => {
    const page = (await site.request('GET', '/rest/api/user/list?limit=100000')).body as Page;
    assert.equal(page.limit, 1000);
  });

  it('creates a group, adds and removes members, and lists memberships both ways', async () => {
    const created = await site.request('POST', '/rest/api/admin/group', { json: { name: 'Writers' } });
    assert.equal(created.status, 200);
    assertMatchesSpec('dc', 'POST', '/rest/api/admin/group', 200, created.body);
    assert.equal((created.body as Json).name, 'writers');

    assert.equal((await site.request('PUT', '/rest/api/user/carol/group/writers')).status, 204);
    assert.equal((await site.request('PUT', '/rest/api/user/carol/group/writers')).status, 204);
    assert.equal((await site.request('PUT', '/rest/api/user/dave/group/writers')).status, 204);

    const members = await site.request('GET', '/rest/api/group/writers/member');
    assertMatchesSpec('dc', 'GET', '/rest/api/group/{groupName}/member', 200, members.body);
    assert.deepEqual(
      (members.body as Page).results.map((user) => user.username),
      ['carol', 'dave'],
    );
    const memberOf = await site.request('GET', '/rest/api/user/memberof?username=carol');
    assertMatchesSpec('dc', 'GET', '/rest/api/user/memberof', 200, memberOf.body);
    assert.deepEqual(
      (memberOf.body as Page).results.map((group) => group.name),
      ['confluence-users', 'writers'],
    );

    assert.equal((await site.request('DELETE', '/rest/api/user/dave/group/writers')).status, 204);
    const after = (await site.request('GET', '/rest/api/group/writers/member')).body as Page;
    assert.deepEqual(
      after.results.map((user) => user.username),
      ['carol'],
    );
  });

  it('lists groups and shows one, in the shape of the spec', async () => {
    const groups = await site.request('GET', '/wiki/rest/api/group');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/group', 200, groups.body);
    const names = (groups.body as Page).results.map((group) => group.name);
    assert.ok(names.includes('confluence-administrators') && names.includes('confluence-users'));
    const one = await site.request('GET', '/wiki/rest/api/group/confluence-users');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/group/{groupName}', 200, one.body);
    assert.equal((one.body as Json).type, 'group');
    assert.equal((await site.request('GET', '/rest/api/group/nope')).status, 404);
  });

  it('refuses a duplicate group with 409 and a built-in group deletion with 400', async () => {
    const duplicate = await site.request('POST', '/rest/api/admin/group', {
      json: { name: 'confluence-users' },
    });
    assert.equal(duplicate.status, 409);
    const builtIn = await site.request('DELETE', '/rest/api/admin/group/confluence-users');
    assert.equal(builtIn.status, 400);
  });

  it('deletes a group', async () => {
    await site.request('POST', '/rest/api/admin/group', { json: { name: 'temporary' } });
    assert.equal((await site.request('DELETE', '/rest/api/admin/group/temporary')).status, 204);
    assert.equal((await site.request('GET', '/rest/api/group/temporary')).status, 404);
  });

  it('refuses a duplicate username with 409 and a bad username with 400, creating nothing', async () => {
    const before = ((await site.request('GET', '/rest/api/user/list')).body as Page).totalSize;
    const duplicate = await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'Carol', fullName: 'Other', password: 'x' },
    });
    assert.equal(duplicate.status, 409);
    const bad = await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'has space', fullName: 'Bad', password: 'x' },
    });
    assert.equal(bad.status, 400);
    // A field of the wrong JSON type is refused in the words of the rule it breaks.
    for (const [json, detail] of [
      [{ userName: 42, password: 'x' }, /^Username must be/],
      [{ userName: 'frank', email: 17 }, /^Email address is not valid/],
      [{ userName: 'frank', fullName: false }, /^Full name must be/],
      [{ userName: 'frank', password: null }, /^Password must be/],
    ] as const) {
      const refused = await site.request('POST', '/rest/api/admin/user', { json });
      assert.equal(refused.status, 400, refused.text);
      assert.match((refused.body as { message: string }).message, detail);
    }
    const after = ((await site.request('GET', '/rest/api/user/list')).body as Page).totalSize;
    assert.equal(after, before);
  });

  it('lets only administrators administer, answering 403 to others', async () => {
    for (const [method, path] of [
      ['POST', '/rest/api/admin/user'],
      ['PUT', '/rest/api/admin/user/dave/disable'],
      ['POST', '/rest/api/admin/group'],
      ['PUT', '/rest/api/user/carol/group/confluence-administrators'],
      ['GET', '/rest/api/admin/users/list/active'],
    ] as const) {
      const response = await site.request(method, path, {
        auth: carol,
        ...(method !== 'GET' && { json: {} }),
      });
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal((response.body as { statusCode: number }).statusCode, 403);
    }
  });

  it('updates user details and lists only active users', async () => {
    const update = await site.request('PUT', '/rest/api/admin/user/erin', {
      json: { fullName: 'Erin Renamed', email: 'erin@new.example.com' },
    });
    assert.equal(update.status, 204);
    const erin = (await site.request('GET', '/wiki/rest/api/user?username=erin')).body as Json;
    assert.equal(erin.displayName, 'Erin Renamed');
    assert.equal(erin.email, 'erin@new.example.com');

    await site.request('PUT', '/rest/api/admin/user/erin/disable');
    const active = await site.request('GET', '/rest/api/admin/users/list/active');
    assertMatchesSpec('dc', 'GET', '/rest/api/admin/users/list/active', 200, active.body);
    assert.ok(!(active.body as Page).results.some((user) => user.username === 'erin'));
    await site.request('PUT', '/rest/api/admin/user/erin/enable');
  });

  it('changes passwords: by the user with the old one, by an administrator without', async () => {
    const wrongOld = await site.request('POST', '/rest/api/user/current/password', {
      auth: ['dave', 'dave-pw'],
      json: { oldPassword: 'nope', newPassword: 'dave-new' },
    });
    assert.equal(wrongOld.status, 403);
    const own = await site.request('POST', '/rest/api/user/current/password', {
      auth: ['dave', 'dave-pw'],
      json: { oldPassword: 'dave-pw', newPassword: 'dave-new' },
    });
    assert.equal(own.status, 204);
    assert.equal(
      (await site.request('GET', '/rest/api/user/current', { auth: ['dave', 'dave-pw'] })).status,
      401,
    );
    assert.equal(
      (await site.request('GET', '/rest/api/user/current', { auth: ['dave', 'dave-new'] })).status,
      200,
    );

    const reset = await site.request('POST', '/rest/api/admin/user/dave/password', {
      json: { password: 'reset' },
    });
    assert.equal(reset.status, 204);
    assert.equal(
      (await site.request('GET', '/rest/api/user/current', { auth: ['dave', 'reset'] })).status,
      200,
    );
  });

  it('deletes a user as a long task, after which they can no longer sign in', async () => {
    await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'frank', fullName: 'F', password: 'f' },
    });
    const submitted = await site.request('DELETE', '/rest/api/admin/user/frank');
    assert.equal(submitted.status, 202);
    assertMatchesSpec('dc', 'DELETE', '/rest/api/admin/user/{username}', 202, submitted.body);
    const statusLink = String(((submitted.body as Json).links as Json).status);
    const taskPath = statusLink.slice(site.url.length);
    let task: Json = {};
    for (let attempt = 0; attempt < 50 && task.finished !== true; attempt += 1) {
      task = (await site.request('GET', taskPath)).body as Json;
      if (task.finished !== true) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(task.successful, true);
    assert.equal((await site.request('GET', '/rest/api/user?username=frank')).status, 404);
    assert.equal((await site.request('GET', '/rest/api/user/current', { auth: ['frank', 'f'] })).status, 401);
    assert.equal((await site.request('DELETE', '/rest/api/admin/user/frank')).status, 404);
    assert.equal((await site.request('DELETE', '/rest/api/admin/user/admin')).status, 400);
  });
});

describe('users on Cloud v2', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  it('looks users up in bulk by account id, skipping unknown ids', async () => {
    const admin = (await site.request('GET', '/wiki/rest/api/user/current')).body as Json;
    const response = await site.request('POST', '/wiki/api/v2/users-bulk', {
      json: { accountIds: [admin.accountId, '557058:unknown'] },
    });
    assert.equal(response.status, 200);
    assertMatchesSpec('cloud-v2', 'POST', '/users-bulk', 200, response.body);
    const body = response.body as { results: Json[]; _links: Json };
    assert.equal(body.results.length, 1);
    assert.equal(body.results[0]?.accountId, admin.accountId);
    assert.equal(body.results[0]?.accountStatus, 'active');
    assert.equal(response.headers.get('link'), `<${site.url}/wiki>; rel="base"`);
  });

  it('answers under /api/v2 too, for clients whose base URL ends in /wiki', async () => {
    const response = await site.request('POST', '/api/v2/users-bulk', { json: { accountIds: ['x'] } });
    assert.equal(response.status, 200);
    assert.deepEqual((response.body as { results: unknown[] }).results, []);
  });
});

describe('a context path and a public base URL', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer({
      TRIBUTARY_CONTEXT_PATH: '/confluence',
      TRIBUTARY_BASE_URL: 'https://wiki.example.com',
    });
  });
  after(() => site.dispose());

  it('serves every surface under the context path and builds _links from the base URL', async () => {
    assert.equal(site.url, 'https://wiki.example.com/confluence');
    const origin = site.reachableUrl.replace(/\/confluence$/, '');
    const fetchJson = async (path: string) => {
      const response = await fetch(origin + path, {
        headers: { authorization: basic('admin', adminPassword) },
      });
      return { status: response.status, body: (await response.json()) as Page & Json };
    };
    const dc = await fetchJson('/confluence/rest/api/user/list');
    assert.equal(dc.status, 200);
    assert.equal(dc.body._links.base, 'https://wiki.example.com/confluence');
    assert.equal(dc.body._links.context, '/confluence');
    const cloud = await fetchJson('/confluence/wiki/rest/api/user/list?limit=1');
    assert.equal(cloud.body._links.base, 'https://wiki.example.com/confluence/wiki');
    assert.equal(cloud.body._links.context, '/confluence/wiki');
    assert.equal((await fetchJson('/confluence/status')).body.state, 'RUNNING');
    assert.equal((await fetchJson('/rest/api/user/list')).status, 404);
  });
});
