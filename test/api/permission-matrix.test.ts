import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { changeAppRules } from '../../src/services/apps/change-app-rules.ts';
import { anUpload, aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Role = 'admin' | 'spaceAdmin' | 'member' | 'viewer' | 'outsider' | 'anonymous';
type Auth = RequestOptions['auth'];

const roles: readonly Role[] = ['admin', 'spaceAdmin', 'member', 'viewer', 'outsider', 'anonymous'];
const everyone = (status: number) =>
  Object.fromEntries(roles.map((role) => [role, status])) as Record<Role, number>;

/**
 * Who may do what, family by family: each row performs one request as every role, on fixtures the
 * administrator made for that request, and asserts the status each role gets. The space MX gives
 * `spaceAdmin` everything, `member` what a shared space gives its users (view, add, delete own), `viewer`
 * only view, `outsider` nothing; anonymous access is on and anonymous holds nothing in MX. Reads of
 * what a role may not see are 404s; writes to what it sees but may not change are 403s, and anonymous
 * writes are refused before anything is looked up (403, which tells nothing about what exists).
 */
describe('the permission matrix', () => {
  let site: TestServer;
  const auths: Record<Role, Auth> = {
    admin: undefined,
    spaceAdmin: ['boss', 'boss-pw'],
    member: ['mia', 'mia-pw'],
    viewer: ['vic', 'vic-pw'],
    outsider: ['otto', 'otto-pw'],
    anonymous: null,
  };

  const userKeyOf = async (name: string) =>
    String(((await site.request('GET', `/rest/api/user?username=${name}`)).body as Json).userKey);
  const grant = async (subjectPath: string, operations: [string, string][]) => {
    const response = await site.request('PUT', `/rest/api/space/MX/permissions/${subjectPath}/grant`, {
      json: operations.map(([targetType, operationKey]) => ({ targetType, operationKey })),
    });
    assert.equal(response.status, 204, response.text);
  };

  before(async () => {
    site = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    for (const name of ['boss', 'mia', 'vic', 'otto']) await aUser(site, name);
    await aSpace(site, 'MX', 'Matrix');
    // Take the shared grants back from confluence-users, then give each role its own.
    const everyoneSet = await site.request('POST', '/rest/api/space/MX/permissions', {
      json: [{ groupName: 'confluence-users', operations: [] }],
    });
    assert.equal(everyoneSet.status, 200, everyoneSet.text);
    const all = ((await site.request('GET', '/rest/api/space/MX/permissions')).body as Json[])
      .map((permission) => permission.operation as { targetType: string; operationKey: string })
      .map(({ targetType, operationKey }): [string, string] => [targetType, operationKey]);
    await grant(`user/${await userKeyOf('boss')}`, all);
    await grant(`user/${await userKeyOf('mia')}`, [
      ['space', 'read'],
      ['space', 'delete_own'],
      ['page', 'create'],
      ['blogpost', 'create'],
      ['comment', 'create'],
      ['attachment', 'create'],
    ]);
    await grant(`user/${await userKeyOf('vic')}`, [['space', 'read']]);
  });
  after(() => site.dispose());

  const as = (role: Role, method: string, path: string, options: RequestOptions = {}) =>
    site.request(method, path, { ...options, auth: auths[role] });

  /** A fresh page with one attachment of two versions, made by the administrator. */
  const fixture = async () => {
    const page = await aPage(site, 'MX', `Page ${Math.random()}`);
    const pageId = String(page.id);
    const uploaded = (await anUpload(site, pageId, [{ name: 'a.txt', content: 'one' }])).body as {
      results: Json[];
    };
    const attachmentId = String(uploaded.results[0]?.id);
    await anUpload(site, pageId, [{ name: 'a.txt', content: 'two' }], { method: 'PUT' });
    return { pageId, attachmentId };
  };

  const rows: { family: string; expected: Record<Role, number>; act: (role: Role) => Promise<number> }[] = [
    {
      family: 'v1: read a page',
      expected: { ...everyone(200), outsider: 404, anonymous: 404 },
      act: async (role) => (await as(role, 'GET', `/rest/api/content/${(await fixture()).pageId}`)).status,
    },
    {
      family: 'v2: read a page',
      expected: { ...everyone(200), outsider: 404, anonymous: 404 },
      act: async (role) => (await as(role, 'GET', `/wiki/api/v2/pages/${(await fixture()).pageId}`)).status,
    },
    {
      family: 'v1: create a page',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) =>
        (
          await as(role, 'POST', '/rest/api/content', {
            json: { type: 'page', title: `By ${role} ${Math.random()}`, space: { key: 'MX' } },
          })
        ).status,
    },
    {
      family: 'v1: edit a page',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { pageId } = await fixture();
        const page = (await site.request('GET', `/rest/api/content/${pageId}`)).body as Json;
        return (
          await as(role, 'PUT', `/rest/api/content/${pageId}`, {
            json: { type: 'page', title: `${page.title} edited`, version: { number: 2 } },
          })
        ).status;
      },
    },
    {
      family: 'attachments: upload',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { pageId } = await fixture();
        return (
          await as(role, 'POST', `/rest/api/content/${pageId}/child/attachment`, {
            body: multipartForm([{ name: `${role}.txt`, content: role }]),
            headers: noCheck,
          })
        ).status;
      },
    },
    {
      family: 'attachments: read (v1 and v2)',
      expected: { ...everyone(200), outsider: 404, anonymous: 404 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        const v1 = (await as(role, 'GET', `/rest/api/content/${attachmentId}`)).status;
        const v2 = (await as(role, 'GET', `/wiki/api/v2/attachments/att${attachmentId}`)).status;
        assert.equal(v2, v1, `v1 and v2 agree for ${role}`);
        return v1;
      },
    },
    {
      family: 'attachments: download (servlet and REST)',
      expected: { ...everyone(200), outsider: 404, anonymous: 404 },
      act: async (role) => {
        const { pageId, attachmentId } = await fixture();
        const servlet = (await as(role, 'GET', `/download/attachments/${pageId}/a.txt?version=1`)).status;
        const rest = (await as(role, 'GET', `/rest/api/content/${attachmentId}/download`)).status;
        assert.equal(rest, servlet, `both download forms agree for ${role}`);
        return servlet;
      },
    },
    {
      family: 'attachments: update (rename)',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { pageId, attachmentId } = await fixture();
        return (
          await as(role, 'PUT', `/rest/api/content/${pageId}/child/attachment/${attachmentId}`, {
            json: { id: attachmentId, type: 'attachment', title: `${role}.txt`, version: { number: 3 } },
          })
        ).status;
      },
    },
    {
      family: 'attachments: delete a historical version (space administrators)',
      expected: { ...everyone(403), admin: 204, spaceAdmin: 204, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        return (await as(role, 'DELETE', `/rest/api/content/${attachmentId}/version/1`)).status;
      },
    },
    {
      family: "attachments: trash someone else's",
      expected: { ...everyone(204), member: 403, viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        return (await as(role, 'DELETE', `/rest/api/content/${attachmentId}`)).status;
      },
    },
    {
      // The v2 spec has no 403 for deletes: a missing right is a 404 there.
      family: "attachments: trash someone else's, through v2",
      expected: { ...everyone(204), member: 404, viewer: 404, outsider: 404, anonymous: 404 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        return (await as(role, 'DELETE', `/wiki/api/v2/attachments/att${attachmentId}`)).status;
      },
    },
    {
      family: 'attachments: purge from the trash through v2 (space administrators)',
      expected: { ...everyone(404), admin: 204, spaceAdmin: 204 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        assert.equal((await site.request('DELETE', `/rest/api/content/${attachmentId}`)).status, 204);
        return (await as(role, 'DELETE', `/wiki/api/v2/attachments/att${attachmentId}?purge=true`)).status;
      },
    },
    {
      family: 'attachments: purge from the trash (space administrators)',
      expected: { ...everyone(403), admin: 204, spaceAdmin: 204, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        assert.equal((await site.request('DELETE', `/rest/api/content/${attachmentId}`)).status, 204);
        return (await as(role, 'DELETE', `/rest/api/content/${attachmentId}?status=trashed`)).status;
      },
    },
    {
      family: 'Extender: list versions',
      expected: { ...everyone(200), outsider: 404, anonymous: 404 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        return (await as(role, 'GET', `/rest/extender/1.0/content/attachment/${attachmentId}/versions`))
          .status;
      },
    },
    {
      family: 'Extender: hard delete of an attachment',
      expected: { ...everyone(200), member: 403, viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { attachmentId } = await fixture();
        return (await as(role, 'DELETE', `/rest/extender/1.0/content/attachment/${attachmentId}/delete`))
          .status;
      },
    },
    {
      family: 'labels: add to a page',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { pageId } = await fixture();
        return (
          await as(role, 'POST', `/rest/api/content/${pageId}/label`, {
            json: [{ prefix: 'global', name: role }],
          })
        ).status;
      },
    },
    {
      family: 'properties: create on a page',
      expected: { ...everyone(200), viewer: 403, outsider: 404, anonymous: 403 },
      act: async (role) => {
        const { pageId } = await fixture();
        return (
          await as(role, 'POST', `/rest/api/content/${pageId}/property`, {
            json: { key: `k-${role}`, value: 1 },
          })
        ).status;
      },
    },
    {
      family: 'space permissions: read (space administrators)',
      expected: { ...everyone(403), admin: 200, spaceAdmin: 200, outsider: 404, anonymous: 404 },
      act: async (role) => (await as(role, 'GET', '/rest/api/space/MX/permissions')).status,
    },
  ];

  for (const row of rows) {
    it(`${row.family}: ${roles.map((role) => `${role} ${row.expected[role]}`).join(', ')}`, async () => {
      const actual: Partial<Record<Role, number>> = {};
      for (const role of roles) actual[role] = await row.act(role);
      assert.deepEqual(actual, row.expected);
    });
  }

  /** `targetType:operation` of each role's `PermittedOperationsResponse`, or the status it got instead. */
  const operationsOf = async (path: string) => {
    const operations: Partial<Record<Role, string[] | number>> = {};
    for (const role of roles) {
      const response = await as(role, 'GET', path);
      operations[role] =
        response.status === 200
          ? (
              (response.body as { operations: { operation: string; targetType: string }[] }).operations ?? []
            ).map(({ operation, targetType }) => `${targetType}:${operation}`)
          : response.status;
    }
    return operations;
  };

  it('reports on v2 what each role may do to a page (operations)', async () => {
    const { pageId } = await fixture();
    const all = ['page:read', 'page:update', 'page:delete'];
    assert.deepEqual(await operationsOf(`/wiki/api/v2/pages/${pageId}/operations`), {
      admin: all,
      spaceAdmin: all,
      member: ['page:read', 'page:update'],
      viewer: ['page:read'],
      outsider: 404,
      anonymous: 404,
    });
    const response = await site.request('GET', `/wiki/api/v2/pages/${pageId}/operations`);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/operations', 200, response.body);
  });

  it('reports on v2 what each role may do in the space (operations; v2 has no words for delete own)', async () => {
    const spaces = await site.request('GET', '/wiki/api/v2/spaces?keys=MX');
    const spaceId = String(((spaces.body as { results: Json[] }).results[0] as Json).id);
    const all = [
      'space:read',
      'space:administer',
      'space:export',
      'space:restrict_content',
      'page:create',
      'page:delete',
      'blogpost:create',
      'blogpost:delete',
      'comment:create',
      'comment:delete',
      'attachment:create',
      'attachment:delete',
    ];
    assert.deepEqual(await operationsOf(`/wiki/api/v2/spaces/${spaceId}/operations`), {
      admin: all,
      spaceAdmin: all,
      member: ['space:read', 'page:create', 'blogpost:create', 'comment:create', 'attachment:create'],
      viewer: ['space:read'],
      outsider: 404,
      anonymous: 404,
    });
    const response = await site.request('GET', `/wiki/api/v2/spaces/${spaceId}/operations`);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/operations', 200, response.body);
    assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/999999/operations'), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/abc/operations'), 400, 'BAD_REQUEST');
  });

  it('reports on v2 what each role may do to a footer comment (operations)', async () => {
    const { pageId } = await fixture();
    const created = await site.request('POST', '/wiki/api/v2/footer-comments', {
      json: { pageId, body: { representation: 'storage', value: '<p>A remark</p>' } },
    });
    assert.equal(created.status, 201, created.text);
    const commentId = String((created.body as Json).id);
    const all = ['comment:read', 'comment:update', 'comment:delete'];
    assert.deepEqual(await operationsOf(`/wiki/api/v2/footer-comments/${commentId}/operations`), {
      admin: all,
      spaceAdmin: all,
      // Only its author (here the administrator) and space administrators edit a comment.
      member: ['comment:read'],
      viewer: ['comment:read'],
      outsider: 404,
      anonymous: 404,
    });
    const response = await site.request('GET', `/wiki/api/v2/footer-comments/${commentId}/operations`);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{id}/operations', 200, response.body);
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/footer-comments/${pageId}/operations`),
      404,
      'NOT_FOUND',
    );
    assertV2Error(
      await site.request('GET', '/wiki/api/v2/footer-comments/abc/operations'),
      400,
      'BAD_REQUEST',
    );
  });

  it("lets a member edit the comments they wrote, not another's; a space administrator edits any", async () => {
    const { pageId } = await fixture();
    const comment = async (role: Role) => {
      const created = await as(role, 'POST', '/wiki/api/v2/footer-comments', {
        json: { pageId, body: { representation: 'storage', value: `<p>${role} says</p>` } },
      });
      assert.equal(created.status, 201, created.text);
      return String((created.body as Json).id);
    };
    const edit = async (role: Role, id: string, number: number) =>
      (
        await as(role, 'PUT', `/wiki/api/v2/footer-comments/${id}`, {
          json: { version: { number }, body: { representation: 'storage', value: `<p>${role} edits</p>` } },
        })
      ).status;
    const mine = await comment('member');
    const theirs = await comment('admin');
    assert.equal(await edit('member', mine, 2), 200);
    assert.equal(await edit('member', theirs, 2), 403);
    assert.equal(await edit('spaceAdmin', theirs, 2), 200);
  });

  it('lets a member trash what they uploaded themselves (delete own), but not purge it', async () => {
    const { pageId } = await fixture();
    const uploaded = await as('member', 'POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: multipartForm([{ name: 'mine.txt', content: 'mine' }]),
      headers: noCheck,
    });
    const id = String((uploaded.body as { results: Json[] }).results[0]?.id);
    assert.equal((await as('viewer', 'DELETE', `/rest/api/content/${id}`)).status, 403);
    assert.equal((await as('member', 'DELETE', `/rest/api/content/${id}`)).status, 204);
    assert.equal((await as('member', 'DELETE', `/rest/api/content/${id}?status=trashed`)).status, 403);
  });

  it('CQL search and listings count only what each role may see', async () => {
    await fixture();
    const counts: Partial<Record<Role, number>> = {};
    for (const role of roles) {
      const found = await as(
        role,
        'GET',
        '/rest/api/content/search?cql=space%3DMX%20and%20type%3Dpage&limit=1',
      );
      assert.equal(found.status, 200, found.text);
      counts[role] = Number((found.body as Json).totalSize);
    }
    const total = counts.admin ?? 0;
    assert.ok(total > 1, 'the space has pages');
    assert.deepEqual(counts, { ...everyone(total), outsider: 0, anonymous: 0 });
    const v2: Partial<Record<Role, number>> = {};
    for (const role of roles) {
      const listed = await as(role, 'GET', '/wiki/api/v2/attachments?limit=250');
      v2[role] = ((listed.body as { results: Json[] }).results ?? []).length;
    }
    assert.ok((v2.admin ?? 0) > 0);
    assert.deepEqual(v2, { ...everyone(v2.admin ?? 0), outsider: 0, anonymous: 0 });
  });

  it('lets anonymous read a space once anonymous is granted view, and never write', async () => {
    const { pageId } = await fixture();
    await grant('anonymous', [['space', 'read']]);
    try {
      assert.equal((await as('anonymous', 'GET', `/rest/api/content/${pageId}`)).status, 200);
      assert.equal((await as('outsider', 'GET', `/rest/api/content/${pageId}`)).status, 200);
      const upload = await as('anonymous', 'POST', `/rest/api/content/${pageId}/child/attachment`, {
        body: multipartForm([{ name: 'anon.txt', content: 'x' }]),
        headers: noCheck,
      });
      assert.equal(upload.status, 403);
    } finally {
      const revoked = await site.request('PUT', '/rest/api/space/MX/permissions/anonymous/revoke', {
        json: [{ targetType: 'space', operationKey: 'read' }],
      });
      assert.equal(revoked.status, 204);
    }
    assert.equal((await as('anonymous', 'GET', `/rest/api/content/${pageId}`)).status, 404);
  });

  it('answers 401 to anonymous requests when anonymous access is off', async () => {
    const closed = await startTestServer();
    try {
      await aSpace(closed, 'CL');
      const response = await closed.request('GET', '/rest/api/space/CL', { auth: null });
      assert.equal(response.status, 401);
    } finally {
      await closed.dispose();
    }
  });

  it('a blocked app, even one acting as the administrator: the space answers, its content is missing', async () => {
    const services = site.server.site.services;
    const app = await addApp(services, systemPrincipal, { name: 'Matrix app', username: 'admin' });
    await changeAppRules(services, systemPrincipal, {
      appName: 'Matrix app',
      spaceKeys: ['MX'],
      blocked: true,
    });
    // Space-level data stays (seed 004); adding content to the space is refused as a lack of permission.
    const outcomes: Record<string, number> = {
      'v1: create a page': 403,
      'space permissions: read (space administrators)': 200,
    };
    auths.admin = { bearer: app.secret };
    try {
      const actual: Record<string, number> = {};
      for (const row of rows) actual[row.family] = await row.act('admin');
      assert.deepEqual(
        actual,
        Object.fromEntries(rows.map((row) => [row.family, outcomes[row.family] ?? 404])),
      );
      const search = await as('admin', 'GET', '/rest/api/content/search?cql=space%3DMX&limit=1');
      assert.equal((search.body as Json).totalSize, 0);
      assert.equal((await as('admin', 'GET', '/rest/api/audit?limit=1')).status, 200);
    } finally {
      auths.admin = undefined;
    }
  });
});
