import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { changeGroupNesting } from '../../src/services/groups/change-group-nesting.ts';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Page = { results: Json[]; size: number; totalSize: number };

const memberOperations = [
  ['space', 'read'],
  ['space', 'delete_own'],
  ['page', 'create'],
  ['blogpost', 'create'],
  ['comment', 'create'],
  ['attachment', 'create'],
].map(([targetType, operationKey]) => ({ targetType, operationKey }));

/**
 * Groups inside groups: `kids` sits inside `parents`, which sits inside `elders`. A member of `kids`
 * holds what `parents` holds, in the policy (one item) and in the SQL view rule (listings, CQL) alike.
 */
describe('nested groups', () => {
  let site: TestServer;
  let pageId: string;
  const ann: [string, string] = ['ann', 'ann-pw'];
  const nest = (parentName: string, childName: string, nested = true) =>
    changeGroupNesting(site.server.site.services, systemPrincipal, { parentName, childName, nested });
  const names = (body: unknown) => (body as Page).results.map((group) => group.name);

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ann');
    for (const name of ['kids', 'parents', 'elders']) {
      const created = await site.request('POST', '/rest/api/admin/group', { json: { name } });
      assert.equal(created.status, 200, created.text);
    }
    await aSpace(site, 'FAM', 'Family');
    pageId = String((await aPage(site, 'FAM', 'Family plans')).id);
    // Only `parents` may see FAM.
    const revoked = await site.request(
      'PUT',
      '/rest/api/space/FAM/permissions/group/confluence-users/revoke',
      {
        json: memberOperations,
      },
    );
    assert.equal(revoked.status, 204, revoked.text);
    const granted = await site.request('PUT', '/rest/api/space/FAM/permissions/group/parents/grant', {
      json: [{ targetType: 'space', operationKey: 'read' }],
    });
    assert.equal(granted.status, 204, granted.text);
    const joined = await site.request('PUT', '/rest/api/user/ann/group/kids');
    assert.equal(joined.status, 204, joined.text);
  });
  after(() => site.dispose());

  const annSees = async () => {
    const space = await site.request('GET', '/rest/api/space/FAM', { auth: ann });
    const page = await site.request('GET', `/rest/api/content/${pageId}`, { auth: ann });
    // Listings across the site filter with the SQL view rule rather than asking about one space.
    const listed = await site.request('GET', '/rest/api/content?type=page', { auth: ann });
    const cql = encodeURIComponent('title = "Family plans"');
    const searched = await site.request('GET', `/rest/api/content/search?cql=${cql}`, { auth: ann });
    assert.equal(listed.status, 200, listed.text);
    assert.equal(searched.status, 200, searched.text);
    return {
      space: space.status,
      page: page.status,
      listed: (listed.body as Page).results.filter((item) => item.title === 'Family plans').length,
      searched: (searched.body as Page).results.length,
    };
  };

  it('keeps a space from a user whose group is in no group holding it', async () => {
    assert.deepEqual(await annSees(), { space: 404, page: 404, listed: 0, searched: 0 });
  });

  it("gives a member of a child group the parent group's space permission, in the policy and in listings", async () => {
    await nest('parents', 'kids');
    assert.deepEqual(await annSees(), { space: 200, page: 200, listed: 1, searched: 1 });
  });

  it('lists the groups inside a group, the groups containing it, and every group above it', async () => {
    await nest('elders', 'parents');
    const members = await site.request('GET', '/rest/api/group/parents/groupmember');
    assert.equal(members.status, 200, members.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/group/{groupName}/groupmember', 200, members.body);
    assert.deepEqual(names(members.body), ['kids']);

    const parents = await site.request('GET', '/rest/api/group/kids/groupparent');
    assertMatchesSpec('dc', 'GET', '/rest/api/group/{groupName}/groupparent', 200, parents.body);
    assert.deepEqual(names(parents.body), ['parents']);

    const ancestors = await site.request('GET', '/rest/api/group/kids/groupancestor?limit=1', { auth: ann });
    assertMatchesSpec('dc', 'GET', '/rest/api/group/{groupName}/groupancestor', 200, ancestors.body);
    assert.deepEqual(names(ancestors.body), ['elders']);
    assert.equal((ancestors.body as Page).totalSize, 2);
    const rest = await site.request('GET', '/rest/api/group/kids/groupancestor?start=1', { auth: ann });
    assert.deepEqual(names(rest.body), ['parents']);
  });

  it('shows Cloud group ids on Cloud paths', async () => {
    const parents = await site.request('GET', '/wiki/rest/api/group/kids/groupparent');
    const [group] = (parents.body as Page).results;
    assert.match(String(group?.id), /^\d+$/);
  });

  it('refuses a nesting that would put a group inside itself', async () => {
    await assert.rejects(nest('kids', 'elders'), /contains/);
    await assert.rejects(nest('kids', 'kids'), /contains/);
    const ancestors = await site.request('GET', '/rest/api/group/elders/groupancestor');
    assert.deepEqual(names(ancestors.body), []);
  });

  it('answers 404 for an unknown group and refuses anonymous callers', async () => {
    assertRestError(await site.request('GET', '/rest/api/group/nobody/groupmember'), 404, /nobody/);
    const anonymous = await site.request('GET', '/rest/api/group/kids/groupparent', { auth: null });
    assert.equal(anonymous.status, 401);
  });

  it('makes a member of a group inside confluence-administrators a site administrator', async () => {
    const before = await site.request('POST', '/rest/api/admin/group', { auth: ann, json: { name: 'x1' } });
    assertRestError(before, 403);
    await nest('confluence-administrators', 'kids');
    const during = await site.request('POST', '/rest/api/admin/group', { auth: ann, json: { name: 'x1' } });
    assert.equal(during.status, 200, during.text);
    await nest('confluence-administrators', 'kids', false);
    const afterwards = await site.request('POST', '/rest/api/admin/group', {
      auth: ann,
      json: { name: 'x2' },
    });
    assertRestError(afterwards, 403);
  });

  it('takes the permission away again when the child group leaves the parent', async () => {
    await nest('parents', 'kids', false);
    assert.deepEqual(await annSees(), { space: 404, page: 404, listed: 0, searched: 0 });
    const audit = await site.request('GET', '/rest/api/audit?limit=50');
    const summaries = (audit.body as Page).results.map((record) => record.summary);
    assert.ok(summaries.includes('Group added to group'));
    assert.ok(summaries.includes('Group removed from group'));
  });
});
