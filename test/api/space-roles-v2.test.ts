import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aUser, noCheck } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface Role {
  id: string;
  type: string;
  name: string;
  spacePermissions: string[];
}
interface Assignment {
  principal: { principalType: string; principalId: string };
  roleId: string;
}

const carol: [string, string] = ['carol', 'carol-pw'];
const v2 = '/wiki/api/v2';

describe('space roles (Cloud v2)', () => {
  let site: TestServer;
  let spaceId: string;
  let carolAccountId: string;
  let roles: Record<string, Role>;

  const rolesNamed = async () => {
    const listed = (await site.request('GET', `${v2}/space-roles`)).body as { results: Role[] };
    return Object.fromEntries(listed.results.map((role) => [role.name, role]));
  };
  const assign = (entries: unknown, auth?: [string, string]) =>
    site.request('POST', `${v2}/spaces/${spaceId}/role-assignments`, {
      json: entries,
      ...(auth && { auth }),
    });
  const asCarol = { principalType: 'USER', principalId: '' };
  const carolSees = async () =>
    (await site.request('GET', `${v2}/spaces/${spaceId}`, { auth: carol })).status;
  const carolCreatesPage = async (title: string) =>
    (
      await site.request('POST', `${v2}/pages`, {
        auth: carol,
        json: { spaceId, status: 'current', title, body: { representation: 'storage', value: '<p>x</p>' } },
      })
    ).status;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    // A private space: only the admin holds anything in it until roles are assigned.
    const created = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'RBAC', name: 'Roles' },
    });
    assert.equal(created.status, 200, created.text);
    spaceId = String((created.body as Json).id);
    carolAccountId = String(
      ((await site.request('GET', '/wiki/rest/api/user/current', { auth: carol })).body as Json).accountId,
    );
    asCarol.principalId = carolAccountId;
    roles = await rolesNamed();
  });
  after(() => site.dispose());

  it('lists the space permissions a role may hold, each but viewing requiring viewing', async () => {
    const listed = await site.request('GET', `${v2}/space-permissions`);
    assertMatchesSpec('cloud-v2', 'GET', '/space-permissions', 200, listed.body);
    const permissions = (listed.body as { results: Json[] }).results;
    const ids = permissions.map((permission) => permission.id);
    assert.ok(
      ids.includes('read/space') && ids.includes('create/page') && ids.includes('restrict_content/space'),
    );
    assert.deepEqual(
      permissions.find((permission) => permission.id === 'create/page')?.requiredPermissionIds,
      ['read/space'],
    );
    const paged = (await site.request('GET', `${v2}/space-permissions?limit=5`)).body as Json;
    assert.equal((paged.results as Json[]).length, 5);
    const next = (paged._links as Json).next as string;
    const rest = (await site.request('GET', next)).body as { results: Json[] };
    assert.equal(rest.results[0]?.id, ids[5]);
  });

  it('has the system roles Admin, Collaborator and Viewer, each readable by id', async () => {
    assert.deepEqual(Object.keys(roles).sort(), ['Admin', 'Collaborator', 'Viewer']);
    assert.deepEqual(roles.Viewer?.spacePermissions, ['read/space']);
    const one = await site.request('GET', `${v2}/space-roles/${roles.Collaborator?.id}`);
    assertMatchesSpec('cloud-v2', 'GET', '/space-roles/{id}', 200, one.body);
    assert.equal((one.body as Json).type, 'SYSTEM');
    assertV2Error(await site.request('GET', `${v2}/space-roles/no-such-role`), 404, 'NOT_FOUND');
  });

  it("gives a principal exactly its role's permissions in the space, and takes them back when unassigned", async () => {
    assert.equal(await carolSees(), 404);
    const viewer = await assign([{ principal: asCarol, roleId: roles.Viewer?.id }]);
    assert.equal(viewer.status, 200, viewer.text);
    assertMatchesSpec('cloud-v2', 'POST', '/spaces/{id}/role-assignments', 200, viewer.body);
    assert.equal(await carolSees(), 200);
    assert.notEqual(await carolCreatesPage('Not yet'), 200);

    await assign([{ principal: asCarol, roleId: roles.Collaborator?.id }]);
    assert.equal(await carolCreatesPage('Now I can'), 200);
    // The grants are ordinary space permissions, as Data Center's API lists them.
    const v2Permissions = (await site.request('GET', `${v2}/spaces/${spaceId}/permissions?limit=250`))
      .body as {
      results: { principal: { id: string }; operation: { key: string; targetType: string } }[];
    };
    const carols = v2Permissions.results.filter((permission) => permission.principal.id === carolAccountId);
    assert.equal(carols.length, roles.Collaborator?.spacePermissions.length);

    const listed = await site.request('GET', `${v2}/spaces/${spaceId}/role-assignments`);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/role-assignments', 200, listed.body);
    assert.deepEqual(
      (listed.body as { results: Assignment[] }).results.map((assignment) => assignment.roleId),
      [roles.Collaborator?.id],
    );
    const carolsRoles = (
      (await site.request('GET', `${v2}/space-roles?principal-type=USER&principal-id=${carolAccountId}`))
        .body as {
        results: Role[];
      }
    ).results;
    assert.deepEqual(
      carolsRoles.map((role) => role.name),
      ['Collaborator'],
    );

    await assign([{ principal: asCarol }]);
    assert.equal(await carolSees(), 404);
    const none = (await site.request('GET', `${v2}/spaces/${spaceId}/role-assignments`)).body as {
      results: unknown[];
    };
    assert.deepEqual(none.results, []);
  });

  it('creates a custom role, and rewrites its holders’ permissions when it changes or goes', async () => {
    const created = await site.request('POST', `${v2}/space-roles`, {
      json: { name: 'Editor', description: 'Pages only', spacePermissions: ['read/space', 'create/page'] },
    });
    assert.equal(created.status, 201, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/space-roles', 201, created.body);
    const editor = created.body as Role;
    assert.equal(editor.type, 'CUSTOM');
    await assign([{ principal: asCarol, roleId: editor.id }]);
    assert.equal(await carolCreatesPage('Edited'), 200);

    const narrowed = await site.request('PUT', `${v2}/space-roles/${editor.id}`, {
      json: { name: 'Editor', description: 'Read only now', spacePermissions: ['read/space'] },
    });
    assert.equal(narrowed.status, 202, narrowed.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/space-roles/{id}', 202, narrowed.body);
    const task = await site.request('GET', `/rest/api/longtask/${(narrowed.body as Json).taskId}`);
    assert.equal((task.body as Json).finished, true);
    assert.notEqual(await carolCreatesPage('Edited again'), 200);
    assert.equal(await carolSees(), 200);

    const deleted = await site.request('DELETE', `${v2}/space-roles/${editor.id}`);
    assert.equal(deleted.status, 202);
    assertMatchesSpec('cloud-v2', 'DELETE', '/space-roles/{id}', 202, deleted.body);
    assert.equal(await carolSees(), 404);
    assertV2Error(await site.request('GET', `${v2}/space-roles/${editor.id}`), 404, 'NOT_FOUND');
  });

  it('refuses bad roles, system role changes and callers who may not manage roles', async () => {
    const bad = async (json: unknown) =>
      assertV2Error(await site.request('POST', `${v2}/space-roles`, { json }), 400, 'BAD_REQUEST');
    await bad({ name: 'No view', description: '', spacePermissions: ['create/page'] });
    await bad({ name: 'Unknown', description: '', spacePermissions: ['read/space', 'fly/space'] });
    await bad({ name: 'Viewer', description: '', spacePermissions: ['read/space'] });
    await bad({ description: '', spacePermissions: ['read/space'] });
    assertV2Error(
      await site.request('PUT', `${v2}/space-roles/${roles.Viewer?.id}`, {
        json: { name: 'Viewer', description: '', spacePermissions: ['read/space', 'create/page'] },
      }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('POST', `${v2}/space-roles`, {
        auth: carol,
        json: { name: 'Mine', description: '', spacePermissions: ['read/space'] },
      }),
      404,
      'NOT_FOUND',
    );
    assert.deepEqual(Object.keys(await rolesNamed()).sort(), ['Admin', 'Collaborator', 'Viewer']);
  });

  it('assigns to groups and anonymous visitors, all or nothing, and only for the space’s administrators', async () => {
    const groups = (await site.request('GET', '/wiki/rest/api/group')).body as { results: Json[] };
    const users = groups.results.find((group) => group.name === 'confluence-users');
    const group = { principalType: 'GROUP', principalId: String(users?.id) };
    const anonymous = { principalType: 'ACCESS_CLASS', principalId: 'anonymous-users' };
    const both = await assign([
      { principal: group, roleId: roles.Viewer?.id },
      { principal: anonymous, roleId: roles.Viewer?.id },
    ]);
    assert.equal(both.status, 200, both.text);
    assert.equal(await carolSees(), 200);
    assert.equal((await site.request('GET', `${v2}/space-role-mode`)).status, 200);

    const failed = await assign([
      { principal: group },
      {
        principal: { principalType: 'ACCESS_CLASS', principalId: 'all-product-admins' },
        roleId: roles.Viewer?.id,
      },
    ]);
    assertV2Error(failed, 400, 'BAD_REQUEST');
    assert.equal(await carolSees(), 200, 'the first entry of a refused batch changed nothing');
    assertV2Error(await assign([{ principal: group, roleId: 'no-such-role' }]), 404, 'NOT_FOUND');
    assertV2Error(await assign({ principal: group }), 400, 'BAD_REQUEST');
    assertV2Error(await assign([{ principal: asCarol, roleId: roles.Admin?.id }], carol), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('GET', `${v2}/spaces/${spaceId}/role-assignments?principal-type=USER`),
      400,
      'BAD_REQUEST',
    );
  });

  it('assigns roles given with a new space, in the request that creates it', async () => {
    const created = await site.request('POST', `${v2}/spaces`, {
      json: {
        key: 'ROLED',
        name: 'Roled',
        createPrivateSpace: true,
        roleAssignments: [{ principal: asCarol, roleId: roles.Viewer?.id }],
      },
    });
    assert.equal(created.status, 201, created.text);
    const id = String((created.body as Json).id);
    assert.equal((await site.request('GET', `${v2}/spaces/${id}`, { auth: carol })).status, 200);
    const assigned = (await site.request('GET', `${v2}/spaces/${id}/role-assignments`)).body as {
      results: Assignment[];
    };
    assert.deepEqual(
      assigned.results.map((assignment) => assignment.roleId),
      [roles.Viewer?.id],
    );
    const refused = await site.request('POST', `${v2}/spaces`, {
      json: {
        key: 'NOROLE',
        name: 'No role',
        roleAssignments: [{ principal: asCarol, roleId: 'no-such-role' }],
      },
    });
    assertV2Error(refused, 404, 'NOT_FOUND');
    assert.equal((await site.request('GET', '/rest/api/space/NOROLE')).status, 404);
  });

  it('reports the role mode: in transition while permissions granted one by one remain', async () => {
    const mode = await site.request('GET', `${v2}/space-role-mode`);
    assertMatchesSpec('cloud-v2', 'GET', '/space-role-mode', 200, mode.body);
    // Every space's creator holds permissions granted without a role.
    assert.deepEqual(mode.body, { mode: 'ROLES_TRANSITION' });
  });
});

describe('moving space permissions to roles (Cloud v2 transition)', () => {
  let site: TestServer;
  let spaceId: string;
  const userKeys: Record<string, string> = {};
  type Combination = {
    combinationId: string;
    principalCount: number;
    principalTypes: string[];
    permissions: Json[];
  };

  const combinations = async () => {
    const listed = await site.request('GET', `${v2}/space-permissions/transition/combinations`);
    assert.equal(listed.status, 200, listed.text);
    assertMatchesSpec('cloud-v2', 'GET', '/space-permissions/transition/combinations', 200, listed.body);
    return (listed.body as { results: Combination[] }).results;
  };
  const idsOf = (combination: Combination | undefined) =>
    combination?.permissions.map((permission) => permission.id);

  before(async () => {
    site = await startTestServer();
    for (const name of ['dan', 'eve']) {
      await aUser(site, name);
      userKeys[name] = String(
        ((await site.request('GET', `/rest/api/user?username=${name}`)).body as Json).userKey,
      );
    }
    const created = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'MOVE', name: 'Move' },
    });
    spaceId = String((created.body as Json).id);
    const read = { targetType: 'space', operationKey: 'read' };
    const createPage = { targetType: 'page', operationKey: 'create' };
    const set = await site.request('POST', '/rest/api/space/MOVE/permissions', {
      json: [
        { userKey: userKeys.dan, operations: [read, createPage] },
        { userKey: userKeys.eve, operations: [read, createPage] },
        {
          groupName: 'confluence-users',
          operations: [read, { targetType: 'space', operationKey: 'export' }],
        },
      ],
    });
    assert.ok(set.status < 300, set.text);
  });
  after(() => site.dispose());

  it('lists the distinct permission sets held without a role, leaving out those a role has', async () => {
    const found = await combinations();
    const pages = found.find((combination) => idsOf(combination)?.join() === 'read/space,create/page');
    assert.equal(pages?.principalCount, 2);
    assert.deepEqual(pages?.principalTypes, ['USER']);
    // The space's creator holds everything, which is exactly the Admin role.
    assert.equal(found.length, 2);
  });

  it('gives every holder of a combination a role, in the spaces selected', async () => {
    const pages = (await combinations()).find(
      (combination) => idsOf(combination)?.join() === 'read/space,create/page',
    );
    const roles = ((await site.request('GET', `${v2}/space-roles`)).body as { results: Role[] }).results;
    const collaborator = roles.find((role) => role.name === 'Collaborator');
    const accepted = await site.request('POST', `${v2}/space-permissions/transition/role-assignments`, {
      json: {
        assignments: [
          {
            permissionCombinationId: pages?.combinationId,
            principalTypeAssignments: [
              { principalType: 'USER', removeAccess: false, roleId: collaborator?.id },
            ],
          },
        ],
        spaceSelection: { spaceType: 'SPECIFIC', selectedSpaces: [{ id: spaceId, key: 'MOVE' }] },
      },
    });
    assert.equal(accepted.status, 202, accepted.text);
    assertMatchesSpec(
      'cloud-v2',
      'POST',
      '/space-permissions/transition/role-assignments',
      202,
      accepted.body,
    );
    const status = await site.request('GET', String((accepted.body as Json).statusUrl));
    assert.deepEqual(status.body, { taskId: (accepted.body as Json).taskId, status: 'COMPLETED' });

    const assignments = (await site.request('GET', `${v2}/spaces/${spaceId}/role-assignments`)).body as {
      results: Assignment[];
    };
    assert.equal(assignments.results.length, 2);
    assert.ok(assignments.results.every((assignment) => assignment.roleId === collaborator?.id));
    assert.equal((await combinations()).length, 1);
  });

  it('takes access away from every holder of a combination', async () => {
    const [exporters] = await combinations();
    assert.deepEqual(idsOf(exporters), ['read/space', 'export/space']);
    const removed = await site.request('POST', `${v2}/space-permissions/transition/access-removals`, {
      json: { permissionCombinationIds: [exporters?.combinationId], spaceSelection: { spaceType: 'ALL' } },
    });
    assert.equal(removed.status, 202, removed.text);
    assert.deepEqual(await combinations(), []);
    const groupGrants = (await site.request('GET', '/rest/api/space/MOVE/permissions/group/confluence-users'))
      .body as unknown[];
    assert.deepEqual(groupGrants, []);
    const generated = await site.request('POST', `${v2}/space-permissions/transition/combinations`, {
      headers: noCheck,
    });
    assert.equal(generated.status, 202, generated.text);
    assertMatchesSpec('cloud-v2', 'POST', '/space-permissions/transition/combinations', 202, generated.body);
  });

  it('is for administrators only, and refuses a selection it cannot read', async () => {
    const dan: [string, string] = ['dan', 'dan-pw'];
    assertV2Error(
      await site.request('GET', `${v2}/space-permissions/transition/combinations`, { auth: dan }),
      404,
      'NOT_FOUND',
    );
    assertV2Error(
      await site.request('POST', `${v2}/space-permissions/transition/access-removals`, {
        json: { permissionCombinationIds: ['x'], spaceSelection: { spaceType: 'SOME' } },
      }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('POST', `${v2}/space-permissions/transition/role-assignments`, {
        json: { assignments: [], spaceSelection: { spaceType: 'ALL' } },
      }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('GET', `${v2}/space-permissions/transition/tasks/nope`),
      404,
      'NOT_FOUND',
    );
  });
});
