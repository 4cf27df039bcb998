import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { auditPage } from './audit-helpers.ts';

type Json = Record<string, unknown>;
type Members = { results: Json[]; start: number; limit: number; size: number };
type WireRestriction = {
  operation: string;
  restrictions: { user: Members; group: Members };
  _links: Json;
  _expandable: Json;
};
type WireRestrictionArray = { results: WireRestriction[]; size: number; restrictionsHash?: string };

const alice: [string, string] = ['alice', 'alice-pw'];
const bob: [string, string] = ['bob', 'bob-pw'];

/** Who a restriction names: usernames (DC) or account ids (Cloud), then group names, each sorted. */
function namesIn(restriction: WireRestriction | undefined, userField: 'username' | 'accountId' = 'username') {
  assert.ok(restriction, 'the restriction is in the answer');
  return {
    users: restriction.restrictions.user.results.map((user) => String(user[userField])).sort(),
    groups: restriction.restrictions.group.results.map((group) => String(group.name)).sort(),
  };
}

const byOperation = (body: unknown, operation: string) =>
  (body as WireRestrictionArray).results.find((restriction) => restriction.operation === operation);

/**
 * The content restriction endpoints of v1 and Data Center. Alice created space RST, so she may restrict
 * its pages; Bob and Carol are members of the space (confluence-users view and add); Bob is in the
 * `writers` group.
 */
describe('content restrictions over v1 and Data Center', () => {
  let site: TestServer;
  const ids: Record<string, string> = {};

  const userOf = async (name: string) =>
    (await site.request('GET', `/rest/api/user?username=${name}`)).body as { userKey: string };
  const accountIdOf = async (name: string) => {
    const { userKey } = await userOf(name);
    const cloud = await site.request('GET', `/wiki/rest/api/user?key=${userKey}`);
    return String((cloud.body as Json).accountId);
  };
  const titles = new Map<string, string>();
  const freshPage = async (title: string) => {
    const page = await aPage(site, 'RST', `${title} ${Math.random()}`, { auth: alice });
    titles.set(String(page.id), String(page.title));
    return String(page.id);
  };
  /** The audit records of restriction changes on the page, newest first. */
  const restrictionRecordsOf = async (pageId: string) => {
    const title = titles.get(pageId) ?? '';
    const { results } = await auditPage(site, `?limit=1000&searchString=${encodeURIComponent(title)}`);
    return results.filter(
      (record) => record.category === 'Permissions' && record.affectedObject.name === title,
    );
  };
  const restrictionsOf = async (pageId: string, prefix = '/rest/api') => {
    const response = await site.request('GET', `${prefix}/content/${pageId}/restriction`);
    assert.equal(response.status, 200, response.text);
    return response.body as WireRestrictionArray;
  };

  before(async () => {
    site = await startTestServer();
    for (const name of ['alice', 'bob', 'carol']) await aUser(site, name);
    const space = await site.request('POST', '/rest/api/space', {
      auth: alice,
      json: { key: 'RST', name: 'Restricted things' },
    });
    assert.equal(space.status, 200, space.text);
    assert.equal(
      (await site.request('POST', '/rest/api/admin/group', { json: { name: 'writers' } })).status,
      200,
    );
    assert.equal((await site.request('PUT', '/rest/api/user/bob/group/writers')).status, 204);
    ids.writers = String(((await site.request('GET', '/wiki/rest/api/group/writers')).body as Json).id);
  });
  after(() => site.dispose());

  it('shows an open page with an empty read and update restriction, in the shape of both specs', async () => {
    const pageId = await freshPage('Open');
    const cloud = await site.request('GET', `/wiki/rest/api/content/${pageId}/restriction`);
    assert.equal(cloud.status, 200, cloud.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}/restriction', 200, cloud.body);
    assert.deepEqual(
      (cloud.body as WireRestrictionArray).results.map((restriction) => restriction.operation),
      ['read', 'update'],
    );
    assert.deepEqual(namesIn(byOperation(cloud.body, 'read')), { users: [], groups: [] });
    assert.match(String((cloud.body as WireRestrictionArray).restrictionsHash), /^[0-9a-f]{64}$/);

    const dc = await site.request('GET', `/rest/api/content/${pageId}/restriction/byOperation`);
    assert.equal(dc.status, 200, dc.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/restriction/byOperation', 200, dc.body);
    const read = (dc.body as Record<string, WireRestriction>).read;
    assert.equal(read?.operation, 'read');
    assert.equal(read?._links.self, `${site.url}/rest/api/content/${pageId}/restriction/byOperation/read`);
    assert.equal(read?._expandable.content, `/rest/api/content/${pageId}`);
  });

  it('replaces restrictions with PUT, keeping the caller in, and records it in the audit log', async () => {
    const pageId = await freshPage('Replaced');
    const put = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [
        { operation: 'read', restrictions: { user: [{ type: 'known', username: 'bob' }] } },
        { operation: 'update', restrictions: { group: [{ type: 'group', name: 'writers' }] } },
      ],
    });
    assert.equal(put.status, 200, put.text);
    assertMatchesSpec('dc', 'PUT', '/rest/api/content/{id}/restriction', 200, put.body);
    // Alice is named in neither, so she is added to both rather than locked out of her own page.
    assert.deepEqual(namesIn(byOperation(put.body, 'read')), { users: ['alice', 'bob'], groups: [] });
    assert.deepEqual(namesIn(byOperation(put.body, 'update')), { users: ['alice'], groups: ['writers'] });
    assert.deepEqual(await restrictionsOf(pageId), put.body);
    // The content itself shows the same restrictions when asked to expand them.
    const expanded = await site.request(
      'GET',
      `/rest/api/content/${pageId}?expand=restrictions.read.restrictions.user,restrictions.update.restrictions.group`,
      { auth: alice },
    );
    const inline = (expanded.body as { restrictions: Record<string, WireRestriction> }).restrictions;
    assert.deepEqual(namesIn(inline.read), { users: ['alice', 'bob'], groups: [] });
    assert.deepEqual(namesIn(inline.update), { users: ['alice'], groups: ['writers'] });

    const records = await restrictionRecordsOf(pageId);
    assert.equal(records.length, 1, JSON.stringify(records));
    const [record] = records;
    assert.equal(record?.author.username, 'alice');
    assert.deepEqual(
      record?.changedValues.map(({ name, oldValue, newValue }) => [name, oldValue, newValue]),
      [
        ['read restrictions', '', 'user alice, user bob'],
        ['update restrictions', '', 'user alice, group writers'],
      ],
    );

    // Left out of a second PUT: the update restriction, and the users of the read one.
    const again = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { group: [{ type: 'group', name: 'writers' }] } }],
    });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(namesIn(byOperation(again.body, 'read')), {
      users: ['alice', 'bob'],
      groups: ['writers'],
    });
    assert.deepEqual(namesIn(byOperation(again.body, 'update')), { users: ['alice'], groups: ['writers'] });

    const emptied = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { user: [], group: [] } }],
    });
    assert.deepEqual(namesIn(byOperation(emptied.body, 'read')), { users: [], groups: [] });
  });

  it('takes Cloud account ids and group ids on /wiki/rest/api, and answers in the Cloud shape', async () => {
    const pageId = await freshPage('Cloud');
    const bobAccount = await accountIdOf('bob');
    const put = await site.request('PUT', `/wiki/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: {
        results: [
          {
            operation: 'update',
            restrictions: {
              user: { results: [{ type: 'known', accountId: bobAccount }] },
              group: [{ type: 'group', id: ids.writers }],
            },
          },
        ],
      },
    });
    assert.equal(put.status, 200, put.text);
    assertMatchesSpec('cloud-v1', 'PUT', '/wiki/rest/api/content/{id}/restriction', 200, put.body);
    const update = namesIn(byOperation(put.body, 'update'), 'accountId');
    assert.deepEqual(update, { users: [await accountIdOf('alice'), bobAccount].sort(), groups: ['writers'] });
    const group = byOperation(put.body, 'update')?.restrictions.group.results[0];
    assert.equal(group?.id, ids.writers);

    const one = await site.request('GET', `/wiki/rest/api/content/${pageId}/restriction/byOperation/update`);
    assert.equal(one.status, 200, one.text);
    assertMatchesSpec(
      'cloud-v1',
      'GET',
      '/wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}',
      200,
      one.body,
    );
    assert.deepEqual(namesIn(one.body as WireRestriction, 'accountId'), update);
  });

  it('adds with POST and keeps what is there; DELETE removes every restriction', async () => {
    const pageId = await freshPage('Added');
    const first = await site.request('POST', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { user: [{ username: 'bob' }] } }],
    });
    assert.equal(first.status, 200, first.text);
    const second = await site.request('POST', `/wiki/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { group: [{ type: 'group', name: 'writers' }] } }],
    });
    assert.equal(second.status, 200, second.text);
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/content/{id}/restriction', 200, second.body);
    assert.deepEqual(namesIn(byOperation(second.body, 'read'), 'accountId'), {
      users: [await accountIdOf('alice'), await accountIdOf('bob')].sort(),
      groups: ['writers'],
    });

    // Clients send the JSON content type on bodiless requests too; Confluence ignores it, and so do we.
    const removed = await site.request('DELETE', `/wiki/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(removed.status, 200, removed.text);
    assertMatchesSpec('cloud-v1', 'DELETE', '/wiki/rest/api/content/{id}/restriction', 200, removed.body);
    assert.deepEqual(namesIn(byOperation(removed.body, 'read')), { users: [], groups: [] });
    assert.deepEqual(namesIn(byOperation(removed.body, 'update')), { users: [], groups: [] });
    assert.deepEqual(
      (await restrictionRecordsOf(pageId)).map((record) => record.summary),
      ['Content restrictions removed', 'Content restrictions added', 'Content restrictions added'],
    );
  });

  it('checks, adds and removes one user by username or key on Data Center paths', async () => {
    const pageId = await freshPage('Per user');
    const path = `/rest/api/content/${pageId}/restriction/byOperation/read/user`;
    const { userKey: bobKey } = await userOf('bob');
    assertRestError(await site.request('GET', `${path}?username=bob`, { auth: alice }), 404);

    const added = await site.request('PUT', `${path}?key=${bobKey}`, {
      auth: alice,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.text, '');
    assert.equal((await site.request('GET', `${path}?username=bob`, { auth: bob })).status, 200);
    assert.equal((await site.request('GET', `${path}?username=alice`)).status, 200, 'alice kept in');
    assertRestError(await site.request('GET', `${path}?username=carol`), 404);

    assert.equal((await site.request('DELETE', `${path}?username=bob`, { auth: alice })).status, 200);
    assertRestError(await site.request('GET', `${path}?username=bob`), 404);
    assertRestError(await site.request('DELETE', `${path}?username=bob`, { auth: alice }), 404);
    assert.deepEqual(namesIn(byOperation(await restrictionsOf(pageId), 'read')), {
      users: ['alice'],
      groups: [],
    });
  });

  it('checks, adds and removes one user by account id and one group by id or name on Cloud paths', async () => {
    const pageId = await freshPage('Per subject');
    const base = `/wiki/rest/api/content/${pageId}/restriction/byOperation/update`;
    const bobAccount = await accountIdOf('bob');
    assert.equal(
      (await site.request('PUT', `${base}/user?accountId=${bobAccount}`, { auth: alice })).status,
      200,
    );
    assert.equal((await site.request('GET', `${base}/user?accountId=${bobAccount}`)).status, 200);

    assertRestError(await site.request('GET', `${base}/byGroupId/${ids.writers}`), 404);
    assert.equal(
      (await site.request('PUT', `${base}/byGroupId/${ids.writers}`, { auth: alice })).status,
      200,
    );
    assert.equal((await site.request('GET', `${base}/byGroupId/${ids.writers}`)).status, 200);
    assert.equal((await site.request('GET', `${base}/group/writers`)).status, 200);
    assert.equal((await site.request('DELETE', `${base}/group/writers`, { auth: alice })).status, 200);
    assertRestError(await site.request('GET', `${base}/byGroupId/${ids.writers}`), 404);

    const update = byOperation(await restrictionsOf(pageId, '/wiki/rest/api'), 'update');
    assert.deepEqual(namesIn(update, 'accountId').users, [await accountIdOf('alice'), bobAccount].sort());
  });

  it('adds the caller by name when a group they pass through is removed', async () => {
    const pageId = await freshPage('Through a group');
    assert.equal(
      (await site.request('POST', '/rest/api/admin/group', { json: { name: 'owners' } })).status,
      200,
    );
    assert.equal((await site.request('PUT', '/rest/api/user/alice/group/owners')).status, 204);
    const set = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [
        { operation: 'update', restrictions: { user: [{ username: 'bob' }], group: [{ name: 'owners' }] } },
      ],
    });
    // Alice passes through `owners`, so she is not added.
    assert.deepEqual(namesIn(byOperation(set.body, 'update')), { users: ['bob'], groups: ['owners'] });

    const path = `/rest/api/content/${pageId}/restriction/byOperation/update`;
    assert.equal((await site.request('DELETE', `${path}/group/owners`, { auth: alice })).status, 200);
    assert.deepEqual(namesIn(byOperation(await restrictionsOf(pageId), 'update')), {
      users: ['alice', 'bob'],
      groups: [],
    });
    const [record] = await restrictionRecordsOf(pageId);
    assert.equal(record?.summary, 'Content restriction removed');
    assert.deepEqual(
      record?.changedValues.map(({ oldValue, newValue }) => [oldValue, newValue]),
      [['user bob, group owners', 'user alice, user bob']],
    );
  });

  it('refuses to let the caller remove their own access by name', async () => {
    const pageId = await freshPage('Lock-out');
    await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'update', restrictions: { user: [{ username: 'alice' }, { username: 'bob' }] } }],
    });
    const path = `/rest/api/content/${pageId}/restriction/byOperation`;
    assertRestError(
      await site.request('DELETE', `${path}/update/user?username=alice`, { auth: alice }),
      400,
      /your own update access/,
    );
    assert.deepEqual(namesIn(byOperation(await restrictionsOf(pageId), 'update')).users, ['alice', 'bob']);
    assert.equal((await restrictionRecordsOf(pageId)).length, 1);

    // An administrator passes every restriction, so naming them changes nothing about who is kept in.
    assert.equal(
      (await site.request('PUT', `${path}/read/user?username=admin`, { auth: alice })).status,
      200,
    );
    assert.deepEqual(namesIn(byOperation(await restrictionsOf(pageId), 'read')).users, ['admin', 'alice']);
    assert.equal((await site.request('DELETE', `${path}/read/user?username=admin`)).status, 200);
    assert.deepEqual(namesIn(byOperation(await restrictionsOf(pageId), 'read')).users, ['alice']);
  });

  it('lists the read restrictions that decide who sees an item, its own and inherited ones', async () => {
    const parentId = await freshPage('Parent');
    const childId = String(
      (await aPage(site, 'RST', `Child ${Math.random()}`, { auth: alice, parentId })).id,
    );
    const grandchildId = String(
      (await aPage(site, 'RST', `Grandchild ${Math.random()}`, { auth: alice, parentId: childId })).id,
    );
    await site.request('PUT', `/rest/api/content/${parentId}/restriction`, {
      auth: alice,
      json: [
        { operation: 'read', restrictions: { user: [{ username: 'bob' }], group: [{ name: 'writers' }] } },
      ],
    });
    await site.request('PUT', `/rest/api/content/${grandchildId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { user: [{ username: 'alice' }] } }],
    });

    const response = await site.request(
      'GET',
      `/rest/api/content/${grandchildId}/restriction/relevantViewRestrictions`,
      { auth: alice },
    );
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'dc',
      'GET',
      '/rest/api/content/{id}/restriction/relevantViewRestrictions',
      200,
      response.body,
    );
    const entries = (
      response.body as { viewContentRestrictions: { results: (WireRestriction & { content: Json })[] } }
    ).viewContentRestrictions.results;
    assert.deepEqual(
      entries.map((entry) => [entry.content.id, entry.operation, namesIn(entry)]),
      [
        [grandchildId, 'read', { users: ['alice'], groups: [] }],
        [parentId, 'read', { users: ['alice', 'bob'], groups: ['writers'] }],
      ],
    );
    // The item's own restriction endpoint shows only its own.
    const own = await restrictionsOf(childId);
    assert.deepEqual(namesIn(byOperation(own, 'read')), { users: [], groups: [] });
  });

  it('answers 400 for a bad operation, user, group or body, and changes nothing', async () => {
    const pageId = await freshPage('Bad input');
    await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { user: [{ username: 'bob' }] } }],
    });
    const before = await restrictionsOf(pageId);
    const put = (json: unknown, prefix = '/rest/api') =>
      site.request('PUT', `${prefix}/content/${pageId}/restriction`, { auth: alice, json });
    const bad: [string, Promise<Awaited<ReturnType<typeof put>>>, RegExp][] = [
      ['unknown operation', put([{ operation: 'delete', restrictions: { user: [] } }]), /'delete'/],
      ['no operation', put([{ restrictions: { user: [] } }]), /operation/],
      ['restrictions not an object', put([{ operation: 'read', restrictions: 'bob' }]), /restrictions/],
      ['user list not a list', put([{ operation: 'read', restrictions: { user: 'bob' } }]), /list/],
      [
        'a user without a name',
        put([{ operation: 'read', restrictions: { user: [{ type: 'known' }] } }]),
        /username/,
      ],
      [
        'an unknown user among known ones',
        put([{ operation: 'read', restrictions: { user: [{ username: 'carol' }, { username: 'nobody' }] } }]),
        /nobody/,
      ],
      [
        'an unknown group',
        put([{ operation: 'update', restrictions: { group: [{ name: 'ghosts' }] } }]),
        /ghosts/,
      ],
      [
        'an operation twice',
        put([
          { operation: 'read', restrictions: { user: [] } },
          { operation: 'read', restrictions: { user: [] } },
        ]),
        /more than once/,
      ],
      ['a body that is no list', put('read'), /list of restrictions/],
      [
        'a username on Cloud',
        put([{ operation: 'read', restrictions: { user: [{ username: 'carol' }] } }], '/wiki/rest/api'),
        /accountId/,
      ],
      [
        'an account id on Data Center',
        put([{ operation: 'read', restrictions: { user: [{ accountId: await accountIdOf('carol') }] } }]),
        /username or userKey/,
      ],
      [
        'an unknown operation key in the path',
        site.request('GET', `/rest/api/content/${pageId}/restriction/byOperation/administer`),
        /'administer'/,
      ],
      [
        'an unknown user in the query',
        site.request('PUT', `/rest/api/content/${pageId}/restriction/byOperation/read/user?username=nobody`, {
          auth: alice,
        }),
        /nobody/,
      ],
      [
        'no user in the query',
        site.request('PUT', `/rest/api/content/${pageId}/restriction/byOperation/read/user`, { auth: alice }),
        /key or username/,
      ],
      [
        'a group id that is no number',
        site.request('PUT', `/wiki/rest/api/content/${pageId}/restriction/byOperation/read/byGroupId/abc`, {
          auth: alice,
        }),
        /abc/,
      ],
      ['a bad content id', site.request('GET', '/rest/api/content/page-1/restriction'), /content id/],
    ];
    for (const [what, pending, message] of bad) {
      const response = await pending;
      assert.equal(response.status, 400, `${what}: ${response.text}`);
      assertRestError(response, 400, message);
    }
    assert.deepEqual(await restrictionsOf(pageId), before);
    assert.equal((await restrictionRecordsOf(pageId)).length, 1, 'only the first, good PUT was recorded');
  });

  it('restricts pages and blog posts only', async () => {
    const pageId = await freshPage('With attachment');
    const uploaded = await anUpload(site, pageId, [{ name: 'a.txt', content: 'a' }]);
    const attachmentId = String((uploaded.body as { results: Json[] }).results[0]?.id);
    assertRestError(
      await site.request('PUT', `/rest/api/content/${attachmentId}/restriction`, {
        auth: alice,
        json: [{ operation: 'read', restrictions: { user: [{ username: 'bob' }] } }],
      }),
      400,
      /pages and blog posts/,
    );
    const blogId = String(
      (await aPage(site, 'RST', `Blog ${Math.random()}`, { auth: alice, type: 'blogpost' })).id,
    );
    const blog = await site.request('POST', `/rest/api/content/${blogId}/restriction`, {
      auth: alice,
      json: [{ operation: 'update', restrictions: { user: [{ username: 'bob' }] } }],
    });
    assert.equal(blog.status, 200, blog.text);
  });

  it('lets only those who may restrict change restrictions (403), and hides them with the page (404)', async () => {
    const pageId = await freshPage('Guarded');
    const change = [{ operation: 'read', restrictions: { user: [{ username: 'bob' }] } }];
    assertRestError(
      await site.request('PUT', `/rest/api/content/${pageId}/restriction`, { auth: bob, json: change }),
      403,
    );
    assertRestError(
      await site.request(
        'PUT',
        `/rest/api/content/${pageId}/restriction/byOperation/read/user?username=bob`,
        {
          auth: bob,
        },
      ),
      403,
    );
    assertRestError(
      await site.request('DELETE', `/rest/api/content/${pageId}/restriction`, { auth: bob }),
      403,
    );
    assert.equal(
      (await site.request('GET', `/rest/api/content/${pageId}/restriction`, { auth: bob })).status,
      200,
    );
    assertRestError(
      await site.request('GET', `/rest/api/content/${pageId}/restriction`, { auth: null }),
      401,
    );

    // Restricted to Alice: for Bob the page, and so its restrictions, do not exist.
    await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      auth: alice,
      json: [{ operation: 'read', restrictions: { user: [{ username: 'alice' }] } }],
    });
    for (const path of [
      '',
      '/byOperation',
      '/byOperation/read',
      '/relevantViewRestrictions',
      '/byOperation/read/user?username=alice',
    ]) {
      assertRestError(
        await site.request('GET', `/rest/api/content/${pageId}/restriction${path}`, { auth: bob }),
        404,
      );
    }
    assertRestError(
      await site.request('PUT', `/rest/api/content/${pageId}/restriction`, { auth: bob, json: change }),
      404,
    );
    assertRestError(await site.request('GET', '/rest/api/content/99999999/restriction'), 404);
  });
});
