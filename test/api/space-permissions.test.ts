import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { auditPage } from './audit-helpers.ts';

type Json = Record<string, unknown>;
type Permission = { operation: { targetType: string; operationKey: string }; subject: Json };

const read = { targetType: 'space', operationKey: 'read' };
const addPage = { targetType: 'page', operationKey: 'create' };

describe('space and global permissions (Data Center paths, Cloud v2)', () => {
  let site: TestServer;
  let annKey: string;
  const ann: [string, string] = ['ann', 'ann-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ann');
    annKey = String(((await site.request('GET', '/rest/api/user?username=ann')).body as Json).userKey);
    await aSpace(site, 'SP', 'Permissions');
  });
  after(() => site.dispose());

  const permissionsOf = async (path: string) => {
    const response = await site.request('GET', path);
    assert.equal(response.status, 200, response.text);
    return response.body as Permission[];
  };
  const operationsOf = (permissions: Permission[]) =>
    permissions.map(({ operation }) => `${operation.targetType}:${operation.operationKey}`).sort();

  it("gives a new space's creator every permission and confluence-users view and add", async () => {
    const all = await permissionsOf('/rest/api/space/SP/permissions');
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/permissions', 200, all);
    assert.equal(all.length, 14 + 6);
    const users = await permissionsOf('/rest/api/space/SP/permissions/group/confluence-users');
    assert.deepEqual(operationsOf(users), [
      'attachment:create',
      'blogpost:create',
      'comment:create',
      'page:create',
      'space:delete_own',
      'space:read',
    ]);
    assert.deepEqual(users[0]?.subject, {
      type: 'group',
      displayName: 'confluence-users',
      name: 'confluence-users',
    });
    const admin = all.find((permission) => permission.subject.type === 'user');
    assert.equal(admin?.subject.displayName, 'Administrator');
  });

  it('grants and revokes per subject, and changes nothing for what is already so', async () => {
    const path = `/rest/api/space/SP/permissions/user/${annKey}`;
    for (let round = 0; round < 2; round += 1) {
      const granted = await site.request('PUT', `${path}/grant`, { json: [read, addPage] });
      assert.equal(granted.status, 204, granted.text);
    }
    assert.deepEqual(operationsOf(await permissionsOf(path)), ['page:create', 'space:read']);
    assert.equal((await site.request('PUT', `${path}/revoke`, { json: [addPage] })).status, 204);
    assert.deepEqual(operationsOf(await permissionsOf(path)), ['space:read']);
    assert.equal((await site.request('PUT', `${path}/revoke`, { json: [read] })).status, 204);
    assert.deepEqual(await permissionsOf(path), []);
    const audited = (await auditPage(site, '?limit=10')).results.filter(
      (record) => record.category === 'Permissions',
    );
    assert.deepEqual(
      audited.slice(0, 4).map((record) => record.summary),
      [
        'Space permissions revoked',
        'Space permissions revoked',
        'Space permissions granted',
        'Space permissions granted',
      ],
    );
  });

  it('sets whole sets per subject with POST, leaving subjects it does not name alone', async () => {
    const before = await permissionsOf('/rest/api/space/SP/permissions/group/confluence-users');
    const set = await site.request('POST', '/rest/api/space/SP/permissions', {
      json: [
        { userKey: annKey, operations: [read, { targetType: 'attachment', operationKey: 'create' }] },
        { operations: [read] },
      ],
    });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(operationsOf(await permissionsOf(`/rest/api/space/SP/permissions/user/${annKey}`)), [
      'attachment:create',
      'space:read',
    ]);
    assert.deepEqual(operationsOf(await permissionsOf('/rest/api/space/SP/permissions/anonymous')), [
      'space:read',
    ]);
    assert.deepEqual(await permissionsOf('/rest/api/space/SP/permissions/group/confluence-users'), before);
    const cleared = await site.request('POST', '/rest/api/space/SP/permissions', {
      json: [{ userKey: annKey, operations: [] }, { operations: [] }],
    });
    assert.equal(cleared.status, 200);
    assert.deepEqual(await permissionsOf(`/rest/api/space/SP/permissions/user/${annKey}`), []);
  });

  it('refuses unknown operations, subjects and bodies with 400 or 404, changing nothing', async () => {
    const path = `/rest/api/space/SP/permissions/user/${annKey}/grant`;
    assertRestError(
      await site.request('PUT', path, { json: [{ targetType: 'space', operationKey: 'fly' }] }),
      400,
    );
    assertRestError(await site.request('PUT', path, { json: { targetType: 'space' } }), 400);
    assertRestError(
      await site.request('PUT', '/rest/api/space/SP/permissions/user/nobody/grant', { json: [read] }),
      404,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/SP/permissions/group/nope/grant', { json: [read] }),
      404,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/NOPE/permissions/anonymous/grant', { json: [read] }),
      404,
    );
    assertRestError(
      await site.request('POST', '/rest/api/space/SP/permissions', {
        json: [{ userKey: annKey, groupName: 'confluence-users', operations: [] }],
      }),
      400,
    );
    assert.deepEqual(await permissionsOf(`/rest/api/space/SP/permissions/user/${annKey}`), []);
  });

  it('leaves space permissions to space administrators: others get 403, or 404 where they cannot see', async () => {
    assertRestError(await site.request('GET', '/rest/api/space/SP/permissions', { auth: ann }), 403);
    assertRestError(
      await site.request('PUT', `/rest/api/space/SP/permissions/user/${annKey}/grant`, {
        auth: ann,
        json: [{ targetType: 'space', operationKey: 'administer' }],
      }),
      403,
    );
    await site.request('POST', '/rest/api/space/_private', { json: { key: 'HID', name: 'Hidden' } });
    assertRestError(await site.request('GET', '/rest/api/space/HID/permissions', { auth: ann }), 404);
  });

  it('lists the space permissions on Cloud v2 with cursors', async () => {
    const space = (await site.request('GET', '/rest/api/space/SP')).body as Json;
    const seen: Json[] = [];
    for (let path: string | undefined = `/wiki/api/v2/spaces/${space.id}/permissions?limit=5`; path; ) {
      const response = await site.request('GET', path);
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/permissions', 200, response.body);
      const page = response.body as { results: Json[]; _links: { next?: string } };
      seen.push(...page.results);
      path = page._links.next;
    }
    // Data Center's delete_own and delete_mail have no v2 words; the other 18 grants are all listed once.
    const dcCount = (await permissionsOf('/rest/api/space/SP/permissions')).filter(
      (permission) => !permission.operation.operationKey.startsWith('delete_'),
    ).length;
    assert.equal(seen.length, dcCount);
    assert.equal(new Set(seen.map((permission) => permission.id)).size, seen.length);
    assert.ok(
      seen.some(
        (permission) =>
          (permission.principal as Json).type === 'group' &&
          JSON.stringify(permission.operation) === JSON.stringify({ key: 'read', targetType: 'space' }),
      ),
    );
  });

  it('keeps global permissions for administrators, and needs space:create to create a space', async () => {
    const global = await site.request('GET', '/rest/api/permissions');
    assert.equal(global.status, 200, global.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/permissions', 200, global.body);
    assert.deepEqual(operationsOf(await permissionsOf('/rest/api/permissions/group/confluence-users')), [
      'application:use',
      'personal_space:create',
      'space:create',
    ]);
    assertRestError(await site.request('GET', '/rest/api/permissions', { auth: ann }), 403);

    const revoke = await site.request('PUT', '/rest/api/permissions/group/confluence-users/revoke', {
      json: [{ targetType: 'space', operationKey: 'create' }],
    });
    assert.equal(revoke.status, 204, revoke.text);
    try {
      assertRestError(
        await site.request('POST', '/rest/api/space', { auth: ann, json: { key: 'ANN', name: 'Ann' } }),
        403,
      );
      const grant = await site.request('PUT', `/rest/api/permissions/user/${annKey}/grant`, {
        json: [{ targetType: 'space', operationKey: 'create' }],
      });
      assert.equal(grant.status, 204);
      const created = await site.request('POST', '/rest/api/space', {
        auth: ann,
        json: { key: 'ANN', name: 'Ann' },
      });
      assert.equal(created.status, 200, created.text);
      // The creator administers what they made.
      assert.equal((await site.request('GET', '/rest/api/space/ANN/permissions', { auth: ann })).status, 200);
      const [latest] = (await auditPage(site, '?limit=50')).results.filter(
        (record) => record.category === 'Permissions',
      );
      assert.equal(latest?.summary, 'Global permissions granted');
    } finally {
      await site.request('PUT', '/rest/api/permissions/group/confluence-users/grant', {
        json: [{ targetType: 'space', operationKey: 'create' }],
      });
    }
  });
});
