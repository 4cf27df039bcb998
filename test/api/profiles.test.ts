import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Content } from '../../src/domain/content.ts';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { cloudV1RemovedOperations } from '../../src/http/profiles/spec-tables.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { anAttachmentOf, anUpload, aSpaceWithPage } from '../support/builders.ts';
import { requesterFor, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInByForm } from '../support/web-session.ts';

type Json = Record<string, unknown>;

/** A site answering as one profile, with a page (made through the services: `/rest/api` may be gone). */
async function aSiteAs(profile: string): Promise<{ site: TestServer; page: Content }> {
  const site = await startTestServer({ TRIBUTARY_PROFILE: profile });
  const { page } = await aSpaceWithPage(site.server.site.services, 'PRO');
  await anAttachmentOf(site.server.site.services, page, { name: 'kept.txt', content: 'kept bytes' });
  return { site, page };
}

/** Asserts Confluence's v1 RestError shape with this status. */
function assertRestError(response: { status: number; body: unknown; text: string }, status: number): Json {
  assert.equal(response.status, status, response.text);
  const body = response.body as Json;
  assert.equal(body.statusCode, status);
  assert.equal(typeof body.message, 'string');
  assert.equal(typeof body.reason, 'string');
  assert.equal((body.data as Json).successful, false);
  return body;
}

describe('the cloud profile', () => {
  let site: TestServer;
  let page: Content;
  let token: string;

  before(async () => {
    ({ site, page } = await aSiteAs('cloud'));
    token = (await createToken(site.server.site.services, systemPrincipal, { username: 'admin', name: 'ci' }))
      .secret;
  });
  after(() => site.dispose());

  it('answers a v1 operation that Cloud removed with 410 Gone, naming what replaces it', async () => {
    const response = await site.request('GET', `/wiki/rest/api/content/${page.id}`);
    const body = assertRestError(response, 410);
    assert.equal(body.reason, 'Gone');
    assert.match(String(body.message), /GoneException: This deprecated endpoint has been removed\./);
    assert.match(String(body.message), /GET \/wiki\/api\/v2\/pages\/\{id\}/);
  });

  it('answers 410 to listing attachments and to creating content over v1, and creates nothing', async () => {
    const listed = await site.request('GET', `/wiki/rest/api/content/${page.id}/child/attachment`);
    assert.match(String(assertRestError(listed, 410).message), /\/wiki\/api\/v2\/pages\/\{id\}\/attachments/);
    const created = await site.request('POST', '/wiki/rest/api/content', {
      json: { type: 'page', title: 'Not made', space: { key: 'PRO' } },
    });
    assertRestError(created, 410);
    const pages = await site.request('GET', '/wiki/api/v2/pages?title=Not%20made');
    assert.equal(pages.status, 200, pages.text);
    assert.deepEqual((pages.body as Json).results, []);
  });

  it('answers every removed operation it would otherwise serve with 410, and serves none of them', async () => {
    const statuses = new Map<number, string[]>();
    for (const operation of cloudV1RemovedOperations.filter((entry) => entry.includes(' /wiki/rest/api'))) {
      const [method = '', template = ''] = operation.split(' ');
      const path = template
        .replace('{id}', String(page.id))
        .replace('{spaceKey}', 'PRO')
        .replace('{type}', 'page')
        .replace(/\{[^}]+\}/g, 'x');
      // A JSON body, or the XSRF rule would refuse the write first.
      const response = await site.request(
        method,
        path,
        method === 'POST' || method === 'PUT' ? { json: {} } : {},
      );
      statuses.set(response.status, [...(statuses.get(response.status) ?? []), operation]);
    }
    // The ones Tributary never routed (docs/coverage.md) stay 404, or 405 where the path has other methods.
    assert.deepEqual(
      [...statuses.keys()].filter((status) => ![404, 405, 410].includes(status)),
      [],
      JSON.stringify([...statuses]),
    );
    assert.equal((statuses.get(410) ?? []).length, 37, JSON.stringify([...statuses]));
  });

  it('asks for credentials before saying an operation is gone', async () => {
    const response = await site.request('GET', `/wiki/rest/api/content/${page.id}`, { auth: null });
    assertRestError(response, 401);
  });

  it('keeps the v1 operations Cloud still lists: an upload, a CQL search', async () => {
    const uploaded = await anUpload(site, String(page.id), [{ name: 'new.txt', content: 'new' }], {
      prefix: '/wiki/rest/api',
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    const found = await site.request('GET', '/wiki/rest/api/content/search?cql=type%3Dpage');
    assert.equal(found.status, 200, found.text);
    assert.ok(((found.body as Json).results as unknown[]).length > 0);
  });

  it('serves v2 under /wiki', async () => {
    const response = await site.request('GET', `/wiki/api/v2/pages/${page.id}`);
    assert.equal(response.status, 200, response.text);
  });

  it('answers 404 on Data Center paths, the Extender, /rest/experimental and /api/v2 without /wiki', async () => {
    for (const path of [
      `/rest/api/content/${page.id}`,
      '/rest/api/space',
      `/rest/extender/1.0/attachment/byPageId/${page.id}`,
      `/rest/experimental/content/${page.id}/version`,
      `/api/v2/pages/${page.id}`,
      `/download/attachments/${page.id}/kept.txt`,
    ]) {
      const response = await site.request('GET', path);
      assert.equal(response.status, 404, `${path}: ${response.text}`);
    }
  });

  it('applies the limit default of the Cloud v1 spec where the route has its own (themes: 100, not 25)', async () => {
    const response = await site.request('GET', '/wiki/rest/api/settings/theme');
    assert.equal(response.status, 200, response.text);
    assert.equal((response.body as Json).limit, 100);
  });

  describe('the download servlet', () => {
    const path = () => `/wiki/download/attachments/${page.id}/kept.txt?version=1`;

    it('refuses an API token, as Basic or as Bearer, with 401', async () => {
      for (const auth of [['admin', token] as [string, string], { bearer: token }]) {
        const response = await site.request('GET', path(), { auth });
        assert.equal(response.status, 401, response.text);
        assert.match(String((response.body as Json).message), /does not accept API tokens/);
      }
    });

    it("serves a browser's session", async () => {
      const session = await signInByForm(site);
      const response = await site.request('GET', path(), { auth: null, headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.text, 'kept bytes');
    });
  });
});

describe('the cloud profile under a context path', () => {
  it('refuses an API token at the servlet under the context path and at its bare /wiki copy', async () => {
    const site = await startTestServer({ TRIBUTARY_PROFILE: 'cloud', TRIBUTARY_CONTEXT_PATH: '/confluence' });
    try {
      const { page } = await aSpaceWithPage(site.server.site.services, 'CTX');
      await anAttachmentOf(site.server.site.services, page, { name: 'kept.txt', content: 'kept bytes' });
      const token = (
        await createToken(site.server.site.services, systemPrincipal, { username: 'admin', name: 'ci' })
      ).secret;
      const path = `/wiki/download/attachments/${page.id}/kept.txt?version=1`;
      // The bare copy answers at the origin, without the context path (clients join links onto it).
      const bare = requesterFor(new URL(site.reachableUrl).origin);
      for (const requester of [site, bare]) {
        const refused = await requester.request('GET', path, { auth: { bearer: token } });
        assertRestError(refused, 401);
        assert.match(String((refused.body as Json).message), /does not accept API tokens/);
        const session = await signInByForm(site);
        const served = await requester.request('GET', path, {
          auth: null,
          headers: { cookie: session.cookie },
        });
        assert.equal(served.status, 200, served.text);
        assert.equal(served.text, 'kept bytes');
      }
    } finally {
      await site.dispose();
    }
  });
});

describe('the datacenter profile', () => {
  let site: TestServer;
  let page: Content;

  before(async () => {
    ({ site, page } = await aSiteAs('datacenter'));
  });
  after(() => site.dispose());

  it('answers 404 to v2 and to the /wiki prefix of v1', async () => {
    for (const path of [
      `/wiki/api/v2/pages/${page.id}`,
      `/api/v2/pages/${page.id}`,
      '/wiki/rest/api/space',
    ]) {
      const response = await site.request('GET', path);
      assert.equal(response.status, 404, `${path}: ${response.text}`);
    }
  });

  it('serves /rest/api as Data Center does', async () => {
    const response = await site.request('GET', `/rest/api/content/${page.id}/child/attachment`);
    assert.equal(response.status, 200, response.text);
    assert.equal((response.body as Json).limit, 50);
    assert.equal((response.body as Json).size, 1);
  });

  it('answers a PUT upload with 405 and the methods DC has there, storing nothing', async () => {
    const response = await anUpload(site, String(page.id), [{ name: 'put.txt', content: 'put' }], {
      method: 'PUT',
    });
    const body = assertRestError(response, 405);
    assert.equal(body.reason, 'Method Not Allowed');
    assert.equal(response.headers.get('allow'), 'GET, POST');
    const listed = await site.request(
      'GET',
      `/rest/api/content/${page.id}/child/attachment?filename=put.txt`,
    );
    assert.equal((listed.body as Json).size, 0);
  });

  it('refuses a JSON body over 5 MiB with 413 in the RestError shape', async () => {
    const response = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'page',
        title: 'Huge',
        space: { key: 'PRO' },
        body: { storage: { value: 'x'.repeat(5 * 1024 * 1024 + 1), representation: 'storage' } },
      },
    });
    assertRestError(response, 413);
  });

  it('still takes a POST upload and downloads at the root', async () => {
    const uploaded = await anUpload(site, String(page.id), [{ name: 'post.txt', content: 'posted' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    const downloaded = await site.request('GET', `/download/attachments/${page.id}/post.txt`);
    assert.equal(downloaded.status, 200, downloaded.text);
    assert.equal(downloaded.text, 'posted');
    assert.equal((await site.request('GET', `/wiki/download/attachments/${page.id}/post.txt`)).status, 404);
  });
});

describe('the both profile (the default)', () => {
  let site: TestServer;
  let page: Content;

  before(async () => {
    ({ site, page } = await aSiteAs('both'));
  });
  after(() => site.dispose());

  it('serves every prefix, the removed Cloud operations and PUT uploads included', async () => {
    for (const path of [
      `/wiki/rest/api/content/${page.id}`,
      `/rest/api/content/${page.id}`,
      `/wiki/api/v2/pages/${page.id}`,
      `/wiki/rest/api/content/${page.id}/child/attachment`,
    ]) {
      assert.equal((await site.request('GET', path)).status, 200, path);
    }
    const put = await anUpload(site, String(page.id), [{ name: 'put.txt', content: 'put' }], {
      method: 'PUT',
    });
    assert.equal(put.status, 200, put.text);
    const theme = await site.request('GET', '/wiki/rest/api/settings/theme');
    assert.equal((theme.body as Json).limit, 25);
  });
});
