import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { revokeToken } from '../../src/services/tokens/revoke-token.ts';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { statementsDuring } from '../support/sql-statements.ts';
import { sqliteOnly } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

/**
 * A metadata read with a Bearer token is answered from what is remembered about the token and its user
 * (services/auth/bearer-principals.ts, services/permissions/policy.ts) once they are known. These tests
 * pin how little such a read asks of the database, and that every change to who may see what shows on
 * the very next request all the same.
 */
describe('the request path of a metadata read', () => {
  let site: TestServer;
  let pageId: string;
  let attachmentId: string;

  const newToken = async (username: string) =>
    createToken(site.server.site.services, systemPrincipal, { username, name: `t${Math.random()}` });
  const ok = (response: { status: number; text: string }, status = 200) =>
    assert.equal(response.status, status, response.text);
  const read = (secret: string, url = `/wiki/api/v2/attachments/${attachmentId}`) =>
    site.request('GET', url, { auth: { bearer: secret } });
  /** Reads until the answers are remembered: the first use of a token records it, which starts over. */
  const warm = async (secret: string, url?: string) => {
    for (let round = 0; round < 3; round++) ok(await read(secret, url));
  };

  before(async () => {
    site = await startTestServer();
    for (const name of ['bob', 'carol', 'dave', 'erin', 'fred']) await aUser(site, name);
    await aSpace(site, 'RP', 'Request path');
    pageId = String((await aPage(site, 'RP', 'Read often')).id);
    const uploaded = await anUpload(site, pageId, [{ name: 'notes.txt', content: 'notes' }]);
    ok(uploaded);
    attachmentId = String((uploaded.body as { results: Json[] }).results[0]?.id);
  });
  after(() => site.dispose());

  it(
    'reads an attachment, a page, on v1 and v2, in a handful of statements once the reader is known',
    sqliteOnly,
    async () => {
      const { secret } = await newToken('bob');
      // The budget for each path (before the caching, each asked 7 or 8: the token, its user, two questions
      // about being an administrator, the space's grants, the item, its container, the restrictions above
      // it): none. All of it is kept between requests while nothing writes what it was read from.
      const budgets: [string, number][] = [
        [`/wiki/api/v2/attachments/${attachmentId}`, 0],
        [`/wiki/rest/api/content/${attachmentId}`, 0],
        [`/wiki/api/v2/pages/${pageId}`, 0],
        [`/wiki/rest/api/content/${pageId}`, 0],
      ];
      for (const [url, budget] of budgets) {
        await warm(secret, url);
        // The server's background work (webhook deliveries, say) may run a statement meanwhile: the
        // fewest over a few reads is the request's own.
        const runs: string[][] = [];
        for (let round = 0; round < 3; round++) {
          runs.push(await statementsDuring(async () => ok(await read(secret, url))));
        }
        const ran = runs.reduce((fewest, run) => (run.length < fewest.length ? run : fewest));
        const reads = ran.filter((sql) => sql !== 'pragma data_version');
        assert.ok(reads.length <= budget, `${url} ran ${reads.length} statements:\n${reads.join('\n')}`);
        assert.ok(ran.length - reads.length <= 1, 'other processes are asked once per request at most');
        for (const table of ['api_tokens', 'group_memberships', 'space_permissions', 'admin_keys']) {
          assert.ok(
            !reads.some((sql) => new RegExp(`\\b${table}\\b`).test(sql)),
            `${url} read ${table} again`,
          );
        }
      }
    },
  );

  it(
    'shows a change to the content it keeps on the next request, made here or by another process',
    sqliteOnly,
    async () => {
      const { secret } = await newToken('fred');
      const titleOf = async (url: string) => {
        const response = await read(secret, url);
        ok(response);
        return (response.body as { title: string }).title;
      };
      const pageUrl = `/wiki/api/v2/pages/${pageId}`;
      await warm(secret, pageUrl);
      const current = (await site.request('GET', `/rest/api/content/${pageId}`)).body as {
        version: { number: number };
      };
      ok(
        await site.request('PUT', `/rest/api/content/${pageId}`, {
          json: {
            type: 'page',
            title: 'Read often, renamed',
            version: { number: current.version.number + 1 },
          },
        }),
      );
      assert.equal(await titleOf(pageUrl), 'Read often, renamed');

      const attachmentUrl = `/wiki/api/v2/attachments/${attachmentId}`;
      await warm(secret, attachmentUrl);
      // As a command-line tool would, on another connection to the same file.
      const other = new Database(path.join(site.dataDir, 'tributary.db'));
      try {
        other
          .prepare('update content set title = ? where id = ?')
          .run('renamed-elsewhere.txt', Number(attachmentId.replace(/^att/, '')));
      } finally {
        other.close();
      }
      assert.equal(await titleOf(attachmentUrl), 'renamed-elsewhere.txt');
    },
  );

  it(
    'hides an attachment on the next request once its page is restricted, here or by another process',
    sqliteOnly,
    async () => {
      const { secret } = await newToken('fred');
      await warm(secret);
      const restrictTo = (username: string) =>
        site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
          json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username }] } }],
        });
      ok(await restrictTo('admin'));
      assert.equal((await read(secret)).status, 404);
      ok(await site.request('DELETE', `/rest/api/content/${pageId}/restriction`));
      await warm(secret);

      const other = new Database(path.join(site.dataDir, 'tributary.db'));
      try {
        const admin = other.prepare("select id from users where username = 'admin'").pluck().get();
        other
          .prepare(
            'insert into restrictions (content_id, operation, subject_type, subject_id) values (?, ?, ?, ?)',
          )
          .run(Number(pageId), 'read', 'user', admin);
      } finally {
        other.close();
      }
      assert.equal((await read(secret)).status, 404);
      ok(await site.request('DELETE', `/rest/api/content/${pageId}/restriction`));
      ok(await read(secret));
    },
  );

  it('refuses a revoked token on the next request', async () => {
    const { secret, token } = await newToken('bob');
    await warm(secret);
    await revokeToken(site.server.site.services, systemPrincipal, token.id);
    assert.equal((await read(secret)).status, 401);
  });

  it(
    'refuses a token revoked by another process on the same database on the next request',
    sqliteOnly,
    async () => {
      const { secret, token } = await newToken('bob');
      await warm(secret);
      // As `tributary tokens revoke` does while the server runs: another connection to the same file.
      const other = new Database(path.join(site.dataDir, 'tributary.db'));
      try {
        other.prepare('update api_tokens set revoked_at_ms = ? where id = ?').run(Date.now(), token.id);
      } finally {
        other.close();
      }
      assert.equal((await read(secret)).status, 401);
    },
  );

  it('refuses the token of a deactivated user on the next request', async () => {
    const { secret } = await newToken('carol');
    await warm(secret);
    ok(await site.request('PUT', '/rest/api/admin/user/carol/disable'), 204);
    assert.equal((await read(secret)).status, 401);
    ok(await site.request('PUT', '/rest/api/admin/user/carol/enable'), 204);
    ok(await read(secret));
  });

  it('hides content on the next request once its space permission is revoked, and shows it once granted', async () => {
    const { secret } = await newToken('dave');
    await warm(secret);
    const path = '/rest/api/space/RP/permissions/group/confluence-users';
    const read = { targetType: 'space', operationKey: 'read' };
    try {
      ok(await site.request('PUT', `${path}/revoke`, { json: [read] }), 204);
      assert.equal(
        (await site.request('GET', `/wiki/api/v2/attachments/${attachmentId}`, { auth: { bearer: secret } }))
          .status,
        404,
      );
    } finally {
      ok(await site.request('PUT', `${path}/grant`, { json: [read] }), 204);
    }
    ok(await site.request('GET', `/wiki/api/v2/attachments/${attachmentId}`, { auth: { bearer: secret } }));
  });

  it('hides content on the next request once its reader leaves the group that grants it, and back', async () => {
    const { secret } = await newToken('erin');
    await warm(secret);
    ok(await site.request('DELETE', '/rest/api/user/erin/group/confluence-users'), 204);
    assert.equal((await read(secret)).status, 404);
    ok(await site.request('PUT', '/rest/api/user/erin/group/confluence-users'), 204);
    ok(await read(secret));
  });

  it('hides a page and its attachment on the next request once a read restriction leaves the reader out', async () => {
    const { secret } = await newToken('fred');
    await warm(secret);
    await warm(secret, `/wiki/rest/api/content/${pageId}`);
    const restriction = `/rest/api/content/${pageId}/restriction/byOperation/read/user?username=admin`;
    ok(await site.request('PUT', restriction));
    try {
      assert.equal((await read(secret)).status, 404);
      assert.equal((await read(secret, `/wiki/rest/api/content/${pageId}`)).status, 404);
    } finally {
      ok(await site.request('DELETE', restriction));
    }
    ok(await read(secret));
  });

  it("shows a space's new name on the next read of its page", async () => {
    const { secret } = await newToken('bob');
    const url = `/wiki/rest/api/content/${pageId}`;
    await warm(secret, url);
    ok(await site.request('PUT', '/rest/api/space/RP', { json: { name: 'Renamed path' } }));
    const space = ((await read(secret, url)).body as { space?: { name?: string } }).space;
    assert.equal(space?.name, 'Renamed path');
  });
});
