import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { changeAppRules } from '../../src/services/apps/change-app-rules.ts';
import { removeApp } from '../../src/services/apps/remove-app.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { anUpload, aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import {
  adminPassword,
  type RequestOptions,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Auth = RequestOptions['auth'];

interface SpaceFixture {
  spaceId: string;
  pageId: string;
  attachmentId: string;
}

/**
 * App access rules over real HTTP (seed 004). The app `Exporter` acts as the site administrator and is
 * blocked from space SEC, not from OPEN; `Helper` acts as ada, a plain user, and is blocked from SEC too.
 * Content of SEC answers as if it did not exist to both apps; the space itself, users, groups and the audit
 * log do not change; the same users without an app see everything their rights allow.
 */
describe('app access rules', () => {
  let site: TestServer;
  let exporter: Auth;
  let helper: Auth;
  let adminToken: Auth;
  const admin: Auth = ['admin', adminPassword];
  const spaces: Record<'SEC' | 'OPEN', SpaceFixture> = {
    SEC: { spaceId: '', pageId: '', attachmentId: '' },
    OPEN: { spaceId: '', pageId: '', attachmentId: '' },
  };

  const services = () => site.server.site.services;
  const as = (auth: Auth, method: string, path: string, options: RequestOptions = {}) =>
    site.request(method, path, { ...options, auth });
  const status = async (auth: Auth, method: string, path: string, options: RequestOptions = {}) =>
    (await as(auth, method, path, options)).status;
  const block = (appName: string, blocked: boolean, spaceKeys = ['SEC']) =>
    changeAppRules(services(), systemPrincipal, { appName, spaceKeys, blocked });

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ada');
    for (const key of ['SEC', 'OPEN'] as const) {
      await aSpace(site, key);
      const page = await aPage(site, key, `${key} plans`);
      const pageId = String(page.id);
      await aPage(site, key, `${key} notes`, { parentId: pageId });
      const uploaded = await anUpload(site, pageId, [{ name: 'plan.txt', content: `${key} plan` }]);
      assert.equal(uploaded.status, 200, uploaded.text);
      const attachmentId = String((uploaded.body as { results: Json[] }).results[0]?.id);
      const labelled = await site.request('POST', `/rest/api/content/${pageId}/label`, {
        json: [{ prefix: 'global', name: `label-${key.toLowerCase()}` }],
      });
      assert.equal(labelled.status, 200, labelled.text);
      const property = await site.request('POST', `/rest/api/content/${pageId}/property`, {
        json: { key: 'review', value: { state: 'open' } },
      });
      assert.equal(property.status, 200, property.text);
      const v2Space = (await site.request('GET', `/wiki/api/v2/spaces?keys=${key}`)).body as {
        results: Json[];
      };
      spaces[key] = { spaceId: String(v2Space.results[0]?.id), pageId, attachmentId };
    }
    exporter = {
      bearer: (await addApp(services(), systemPrincipal, { name: 'Exporter', username: 'admin' })).secret,
    };
    helper = {
      bearer: (await addApp(services(), systemPrincipal, { name: 'Helper', username: 'ada' })).secret,
    };
    const own = await createToken(services(), systemPrincipal, { username: 'admin', name: 'own' });
    adminToken = { bearer: own.secret };
    await block('Exporter', true);
    await block('Helper', true);
  });
  after(() => site.dispose());

  /** One read of each family the seed lists as blocked, on the page and attachment of a space. */
  const contentReads = (key: 'SEC' | 'OPEN'): [string, string][] => {
    const { pageId, attachmentId } = spaces[key];
    return [
      ['v1 page', `/rest/api/content/${pageId}?expand=body.storage,children.attachment`],
      ['v2 page', `/wiki/api/v2/pages/${pageId}`],
      ['v1 attachment', `/rest/api/content/${attachmentId}`],
      ['v2 attachment', `/wiki/api/v2/attachments/att${attachmentId}`],
      ['download servlet', `/download/attachments/${pageId}/plan.txt`],
      ['REST download', `/rest/api/content/${attachmentId}/download`],
      ['attachments of the page', `/rest/api/content/${pageId}/child/attachment`],
      ['child pages (v1)', `/rest/api/content/${pageId}/child/page`],
      ['child pages (v2)', `/wiki/api/v2/pages/${pageId}/children`],
      ['versions', `/rest/api/content/${pageId}/version`],
      ['labels', `/rest/api/content/${pageId}/label`],
      ['properties', `/rest/api/content/${pageId}/property`],
      ['restrictions', `/rest/api/content/${pageId}/restriction`],
      ['Extender versions', `/rest/extender/1.0/content/attachment/${attachmentId}/versions`],
      ['history', `/rest/api/content/${pageId}/history`],
      ['ancestors (v2)', `/wiki/api/v2/pages/${pageId}/ancestors`],
      ['footer comments (v2)', `/wiki/api/v2/pages/${pageId}/footer-comments`],
      ['labels (v2)', `/wiki/api/v2/pages/${pageId}/labels`],
      ['properties (v2)', `/wiki/api/v2/pages/${pageId}/properties`],
      ['versions (v2)', `/wiki/api/v2/pages/${pageId}/versions`],
      ['attachment versions (v2)', `/wiki/api/v2/attachments/att${attachmentId}/versions`],
      ['read restrictions', `/rest/api/content/${pageId}/restriction/byOperation/read`],
    ];
  };

  const readStatuses = async (auth: Auth, key: 'SEC' | 'OPEN') => {
    const statuses: Record<string, number> = {};
    for (const [family, path] of contentReads(key)) statuses[family] = await status(auth, 'GET', path);
    return statuses;
  };
  const all = (key: 'SEC' | 'OPEN', code: number) =>
    Object.fromEntries(contentReads(key).map(([family]) => [family, code]));

  it("answers 404 to a blocked app for every read of the blocked space's content, as for missing content", async () => {
    assert.deepEqual(await readStatuses(exporter, 'SEC'), all('SEC', 404));
    assert.deepEqual(await readStatuses(helper, 'SEC'), all('SEC', 404));
    const page = await as(exporter, 'GET', `/rest/api/content/${spaces.SEC.pageId}`);
    const missing = await as(exporter, 'GET', '/rest/api/content/987654321');
    assert.deepEqual(
      (page.body as Json).message,
      String((missing.body as Json).message).replace('987654321', spaces.SEC.pageId),
    );
  });

  it('leaves the app its content in spaces it is not blocked from', async () => {
    assert.deepEqual(await readStatuses(exporter, 'OPEN'), all('OPEN', 200));
    assert.deepEqual(await readStatuses(helper, 'OPEN'), all('OPEN', 200));
  });

  it('leaves the same users everything without the app: password, or a token of their own', async () => {
    assert.deepEqual(await readStatuses(admin, 'SEC'), all('SEC', 200));
    assert.deepEqual(await readStatuses(adminToken, 'SEC'), all('SEC', 200));
    assert.deepEqual(await readStatuses(['ada', 'ada-pw'], 'SEC'), all('SEC', 200));
  });

  /** What a caller finds of SEC and OPEN in each listing and search: totals, and ids in the results. */
  const found = async (auth: Auth) => {
    const v1 = async (path: string) => {
      const response = await as(auth, 'GET', path);
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      const body = response.body as { results: Json[]; size: number; totalSize?: number };
      return { ids: body.results.map((item) => String(item.id)), size: body.size, total: body.totalSize };
    };
    const v2 = async (path: string) => {
      const response = await as(auth, 'GET', path);
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      return ((response.body as { results: Json[] }).results ?? []).map((item) => String(item.id));
    };
    const cql = (query: string) => `/rest/api/content/search?limit=1&cql=${encodeURIComponent(query)}`;
    return {
      cqlSec: (await v1(cql('space = SEC'))).total,
      cqlOpen: (await v1(cql('space = OPEN'))).total,
      cqlAttachments: (await v1(cql('type = attachment and title = "plan.txt"'))).total,
      cqlLabel: (await v1(cql('label = "label-sec"'))).total,
      siteSearch: (await v1(`/rest/api/search?limit=1&cql=${encodeURIComponent('space = SEC')}`)).total,
      v1SpaceContent: (await v1('/rest/api/space/SEC/content/page')).size,
      v1Content: (await v1('/rest/api/content?spaceKey=SEC&type=page')).size,
      v2Pages: (await v2('/wiki/api/v2/pages?limit=250')).filter((id) => id === spaces.SEC.pageId).length,
      v2SpacePages: (await v2(`/wiki/api/v2/spaces/${spaces.SEC.spaceId}/pages`)).length,
      v2Attachments: (await v2('/wiki/api/v2/attachments?limit=250')).filter(
        (id) => id === `att${spaces.SEC.attachmentId}`,
      ).length,
      trash: (await v1('/rest/api/space/SEC/trash')).size,
    };
  };

  it('keeps the blocked space out of listings, CQL results and their counts', async () => {
    // Each space holds its home page, two pages and an attachment.
    const everything = await found(admin);
    assert.deepEqual(everything, {
      cqlSec: 4,
      cqlOpen: 4,
      cqlAttachments: 2,
      cqlLabel: 1,
      siteSearch: 4,
      v1SpaceContent: 3,
      v1Content: 3,
      v2Pages: 1,
      v2SpacePages: 3,
      v2Attachments: 1,
      trash: 0,
    });
    const blocked = {
      ...everything,
      cqlSec: 0,
      cqlAttachments: 1,
      cqlLabel: 0,
      siteSearch: 0,
      v1SpaceContent: 0,
      v1Content: 0,
      v2Pages: 0,
      v2SpacePages: 0,
      v2Attachments: 0,
    };
    assert.deepEqual(await found(exporter), blocked);
    assert.deepEqual(await found(helper), blocked);
    assert.deepEqual(await found(['ada', 'ada-pw']), everything);
  });

  it('keeps the trashed content of a blocked space out of its trash listing', async () => {
    const page = await aPage(site, 'SEC', 'Trashed plans');
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}`)).status, 204);
    try {
      const listed = (as: Auth) =>
        site.request('GET', '/rest/api/space/SEC/trash', { auth: as }).then((r) => (r.body as Json).size);
      assert.equal(await listed(admin), 1);
      assert.equal(await listed(exporter), 0);
    } finally {
      const purged = await site.request('DELETE', `/rest/api/content/${page.id}?status=trashed`);
      assert.equal(purged.status, 204);
    }
  });

  it('still serves the blocked space itself, its permissions, users, groups and the audit log', async () => {
    const space = await as(exporter, 'GET', '/rest/api/space/SEC?expand=homepage');
    assert.equal(space.status, 200, space.text);
    assert.equal((space.body as Json).key, 'SEC');
    assert.equal((space.body as Json).homepage, undefined, 'the home page is content, so it is left out');
    assert.equal(await status(exporter, 'GET', `/wiki/api/v2/spaces/${spaces.SEC.spaceId}`), 200);
    const listed = await as(exporter, 'GET', '/wiki/api/v2/spaces?keys=SEC');
    assert.equal((listed.body as { results: Json[] }).results.length, 1);
    assert.equal(await status(helper, 'GET', '/rest/api/space/SEC'), 200);
    assert.equal(await status(exporter, 'GET', '/rest/api/space/SEC/permissions'), 200);
    assert.equal(await status(exporter, 'GET', `/wiki/api/v2/spaces/${spaces.SEC.spaceId}/permissions`), 200);
    const current = await as(helper, 'GET', '/rest/api/user/current');
    assert.equal((current.body as Json).username, 'ada');
    assert.equal(await status(helper, 'GET', '/rest/api/user?username=admin'), 200);
    assert.equal(await status(exporter, 'GET', '/rest/api/group'), 200);
    assert.equal(await status(exporter, 'GET', '/rest/api/audit'), 200);
  });

  it('treats changes to the blocked content like changes to invisible content (404), and adds nothing', async () => {
    const { pageId, attachmentId } = spaces.SEC;
    const page = (await site.request('GET', `/rest/api/content/${pageId}`)).body as {
      title: string;
      version: { number: number };
    };
    const attempts = {
      edit: await status(exporter, 'PUT', `/rest/api/content/${pageId}`, {
        json: { type: 'page', title: `${page.title}!`, version: { number: page.version.number + 1 } },
      }),
      upload: await status(exporter, 'POST', `/rest/api/content/${pageId}/child/attachment`, {
        body: multipartForm([{ name: 'more.txt', content: 'x' }]),
        headers: noCheck,
      }),
      label: await status(exporter, 'POST', `/rest/api/content/${pageId}/label`, {
        json: [{ prefix: 'global', name: 'nope' }],
      }),
      property: await status(exporter, 'POST', `/rest/api/content/${pageId}/property`, {
        json: { key: 'nope', value: 1 },
      }),
      trash: await status(exporter, 'DELETE', `/rest/api/content/${attachmentId}`),
      extenderDelete: await status(
        exporter,
        'DELETE',
        `/rest/extender/1.0/content/attachment/${attachmentId}/delete`,
      ),
    };
    assert.deepEqual(attempts, {
      edit: 404,
      upload: 404,
      label: 404,
      property: 404,
      trash: 404,
      extenderDelete: 404,
    });

    const created = await as(exporter, 'POST', '/rest/api/content', {
      json: { type: 'page', title: 'From the app', space: { key: 'SEC' } },
    });
    assert.equal(created.status, 403, created.text);
    assert.match(String((created.body as Json).message), /app 'Exporter' is blocked/);
    const deleteSpace = await as(exporter, 'DELETE', '/rest/api/space/SEC');
    assert.equal(deleteSpace.status, 403, deleteSpace.text);
    assert.equal(await status(exporter, 'DELETE', '/rest/api/space/SEC/trash'), 403);

    const unchanged = (await site.request('GET', `/rest/api/content/${pageId}?expand=version`)).body as Json;
    assert.deepEqual((unchanged.version as Json).number, page.version.number);
    assert.equal(await status(admin, 'GET', `/rest/api/content/${attachmentId}`), 200, 'not trashed');
    assert.equal(await status(admin, 'GET', '/rest/api/space/SEC'), 200, 'not deleted');
    const inOpen = await as(exporter, 'POST', '/rest/api/content', {
      json: { type: 'page', title: 'From the app', space: { key: 'OPEN' } },
    });
    assert.equal(inOpen.status, 200, inOpen.text);
  });

  it('reports a blocked space without content operations for the app in v2 operations', async () => {
    const ops = async (auth: Auth, id: string) =>
      ((await as(auth, 'GET', `/wiki/api/v2/attachments/att${id}/operations`)).body as Json) ?? {};
    const open = (await ops(exporter, spaces.OPEN.attachmentId)).operations as Json[];
    assert.ok(open.length > 1, 'the app may work on content elsewhere');
    assert.equal(
      await status(exporter, 'GET', `/wiki/api/v2/attachments/att${spaces.SEC.attachmentId}/operations`),
      404,
    );
  });

  it('gives the content back when the block is lifted, and takes it again when it returns', async () => {
    const path = `/rest/api/content/${spaces.SEC.attachmentId}/download`;
    try {
      await block('Exporter', false);
      assert.equal(await status(exporter, 'GET', path), 200);
      assert.equal((await found(exporter)).cqlSec, 4);
      assert.equal(await status(helper, 'GET', path), 404, 'the other app is still blocked');
    } finally {
      await block('Exporter', true);
    }
    assert.equal(await status(exporter, 'GET', path), 404);
  });

  it('records each rule change in the audit log, with the space it concerns', async () => {
    await block('Helper', true, ['OPEN']);
    await block('Helper', true, ['OPEN']);
    await block('Helper', false, ['OPEN']);
    const records = (
      (await site.request('GET', '/rest/api/audit?searchString=Helper&limit=100')).body as {
        results: { summary: string; category: string; description: string }[];
      }
    ).results.filter((record) => record.category === 'Apps');
    const summaries = records.map((record) => `${record.summary}: ${record.description}`).reverse();
    assert.deepEqual(summaries, [
      "App added: App 'Helper' (2)",
      "App blocked from space: App 'Helper' (2) in space SEC",
      "App blocked from space: App 'Helper' (2) in space OPEN",
      "App unblocked from space: App 'Helper' (2) in space OPEN",
    ]);
  });

  it('names the app in the audit record of a change made through it', async () => {
    const labelled = await as(helper, 'POST', `/rest/api/content/${spaces.OPEN.pageId}/label`, {
      json: [{ prefix: 'global', name: 'through-helper' }],
    });
    assert.equal(labelled.status, 200, labelled.text);
    const records = (
      (await site.request('GET', '/rest/api/audit?searchString=through-helper&limit=10')).body as {
        results: { description: string; author: { username: string }; associatedObjects: Json[] }[];
      }
    ).results;
    const record = records[0];
    assert.ok(record, 'the label change was audited');
    assert.equal(record.author.username, 'ada');
    assert.match(record.description, / through app 'Helper'$/);
    assert.ok(record.associatedObjects.some((object) => object.name === 'Helper'));
  });

  it("revokes an app's tokens when it is removed", async () => {
    const added = await addApp(services(), systemPrincipal, { name: 'Short-lived', username: 'ada' });
    const token = { bearer: added.secret };
    assert.equal(await status(token, 'GET', '/rest/api/user/current'), 200);
    assert.equal(
      await status(['ada', added.secret], 'GET', '/rest/api/user/current'),
      200,
      'Basic works too',
    );
    const removed = await removeApp(services(), systemPrincipal, 'short-LIVED');
    assert.equal(removed.revokedTokens, 1);
    assert.equal(await status(token, 'GET', '/rest/api/user/current'), 401);
  });
});
