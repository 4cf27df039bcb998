import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Grant = {
  id: number;
  subject: { type: string; identifier: string };
  operation: { key: string; target: string };
};

describe('single space permissions on Cloud v1 (POST /space/{key}/permission, DELETE …/{id})', () => {
  let site: TestServer;
  const mo: [string, string] = ['mo', 'mo-pw'];
  let moAccountId = '';
  let moUserKey = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'mo');
    moAccountId = String(
      ((await site.request('GET', '/wiki/rest/api/user?username=mo')).body as Json).accountId,
    );
    moUserKey = String(((await site.request('GET', '/rest/api/user?username=mo')).body as Json).userKey);
    const created = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'PRV', name: 'Private' },
    });
    assert.equal(created.status, 200, created.text);
    await aPage(site, 'PRV', 'Secret plans');
  });
  after(() => site.dispose());

  const grant = (body: unknown, auth?: [string, string]) =>
    site.request('POST', '/wiki/rest/api/space/PRV/permission', { json: body, ...(auth && { auth }) });
  const mosOperations = async () => {
    const response = await site.request('GET', `/rest/api/space/PRV/permissions/user/${moUserKey}`);
    if (response.status !== 200) return [];
    return (response.body as { operation: { targetType: string; operationKey: string } }[])
      .map(({ operation }) => `${operation.targetType}:${operation.operationKey}`)
      .sort();
  };

  it('grants read, then other operations, with ids that stay the same', async () => {
    const readGrant = await grant({
      subject: { type: 'user', identifier: moAccountId },
      operation: { key: 'read', target: 'space' },
    });
    assert.equal(readGrant.status, 200, readGrant.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'POST',
      '/wiki/rest/api/space/{spaceKey}/permission',
      200,
      readGrant.body,
    );
    const read = readGrant.body as Grant;
    assert.deepEqual(read.subject, { type: 'user', identifier: moAccountId });
    assert.deepEqual(read.operation, { key: 'read', target: 'space' });
    assert.equal((await site.request('GET', '/rest/api/space/PRV', { auth: mo })).status, 200);

    const create = (
      await grant({
        subject: { type: 'user', identifier: moAccountId },
        operation: { key: 'create', target: 'page' },
      })
    ).body as Grant;
    const restrict = (
      await grant({
        subject: { type: 'user', identifier: moAccountId },
        operation: { key: 'restrict_content', target: 'space' },
      })
    ).body as Grant;
    assert.notEqual(create.id, read.id);
    assert.deepEqual(restrict.operation, { key: 'restrict_content', target: 'space' });
    assert.equal((await aPage(site, 'PRV', 'By mo', { auth: mo })).title, 'By mo');

    // The ids are the grants' own: removing one leaves the others' ids as they were.
    assert.equal(
      (await site.request('DELETE', `/wiki/rest/api/space/PRV/permission/${create.id}`)).status,
      204,
    );
    const again = (
      await grant({
        subject: { type: 'user', identifier: moAccountId },
        operation: { key: 'create', target: 'page' },
      })
    ).body as Grant;
    assert.notEqual(again.id, create.id);
    const v2 = await site.request('GET', '/wiki/api/v2/spaces');
    const spaceId = String(
      ((v2.body as { results: Json[] }).results.find((space) => space.key === 'PRV') as Json).id,
    );
    const listed = await site.request('GET', `/wiki/api/v2/spaces/${spaceId}/permissions`);
    const ids = (listed.body as { results: Json[] }).results.map((permission) => permission.id);
    assert.ok(
      ids.includes(String(read.id)) && ids.includes(String(restrict.id)) && ids.includes(String(again.id)),
    );
  });

  it('refuses a second grant of the same permission, and anything before read', async () => {
    assertRestError(
      await grant({
        subject: { type: 'user', identifier: moAccountId },
        operation: { key: 'read', target: 'space' },
      }),
      400,
    );
    const group = await site.request('POST', '/rest/api/admin/group', { json: { name: 'readers' } });
    assert.ok(group.status === 200 || group.status === 201, group.text);
    assertRestError(
      await grant({
        subject: { type: 'group', identifier: 'readers' },
        operation: { key: 'create', target: 'page' },
      }),
      400,
    );
    const byName = await grant({
      subject: { type: 'group', identifier: 'readers' },
      operation: { key: 'read', target: 'space' },
    });
    assert.equal(byName.status, 200, byName.text);
    const groupId = (byName.body as Grant).subject.identifier;
    assert.match(groupId, /^\d+$/);
    const byId = await grant({
      subject: { type: 'group', identifier: groupId },
      operation: { key: 'export', target: 'space' },
    });
    assert.equal(byId.status, 200, byId.text);
  });

  it('answers 400 for unknown operations and subjects, 404 for missing ones, 403 for non-administrators', async () => {
    assertRestError(
      await grant({
        subject: { type: 'user', identifier: moAccountId },
        operation: { key: 'fly', target: 'space' },
      }),
      400,
    );
    assertRestError(
      await grant({
        subject: { type: 'robot', identifier: 'x' },
        operation: { key: 'read', target: 'space' },
      }),
      400,
    );
    assertRestError(await grant({ operation: { key: 'read', target: 'space' } }), 400);
    assertRestError(
      await grant({
        subject: { type: 'user', identifier: 'no-such-account' },
        operation: { key: 'read', target: 'space' },
      }),
      404,
    );
    assertRestError(
      await grant({
        subject: { type: 'group', identifier: 'no-such-group' },
        operation: { key: 'read', target: 'space' },
      }),
      404,
    );
    assertRestError(
      await grant(
        {
          subject: { type: 'user', identifier: moAccountId },
          operation: { key: 'administer', target: 'space' },
        },
        mo,
      ),
      403,
    );
    assertRestError(await site.request('DELETE', '/wiki/rest/api/space/PRV/permission/abc'), 400);
    assertRestError(await site.request('DELETE', '/wiki/rest/api/space/PRV/permission/99999'), 404);
    assertRestError(await site.request('POST', '/wiki/rest/api/space/NONE/permission', { json: {} }), 400);
  });

  it("removes all of a subject's permissions with its read permission", async () => {
    const before = await mosOperations();
    assert.ok(before.includes('page:create') && before.includes('space:read'), before.join());
    const response = await site.request('GET', '/wiki/api/v2/spaces');
    const spaceId = String(
      ((response.body as { results: Json[] }).results.find((space) => space.key === 'PRV') as Json).id,
    );
    const listed = await site.request('GET', `/wiki/api/v2/spaces/${spaceId}/permissions?limit=250`);
    const readId = (
      listed.body as { results: { id: string; principal: Json; operation: Json }[] }
    ).results.find(
      (permission) => permission.principal.id === moAccountId && permission.operation.key === 'read',
    )?.id;
    assert.ok(readId);
    assertRestError(
      await site.request('DELETE', `/wiki/rest/api/space/PRV/permission/${readId}`, { auth: mo }),
      403,
    );
    assert.equal((await site.request('DELETE', `/wiki/rest/api/space/PRV/permission/${readId}`)).status, 204);
    assert.deepEqual(await mosOperations(), []);
    assertRestError(await site.request('GET', '/rest/api/space/PRV', { auth: mo }), 404);
  });
});
