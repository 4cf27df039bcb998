import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('Data Center site information', () => {
  let site: TestServer;
  const bob: [string, string] = ['bob', 'bob-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'bob');
    await aSpace(site, 'INF');
    const page = await aPage(site, 'INF', 'Counted page');
    await aPage(site, 'INF', 'Counted post', { type: 'blogpost' });
    const uploaded = await anUpload(site, String(page.id), [{ name: 'a.txt', content: 'a' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
  });
  after(() => site.dispose());

  it('tells any signed-in user the base URL and the Confluence version answered', async () => {
    const response = await site.request('GET', '/rest/api/server-information', { auth: bob });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/server-information', 200, response.body);
    assert.deepEqual(response.body, { baseUrl: site.url, version: '10.0.3' });
    assert.equal((await site.request('GET', '/rest/api/server-information', { auth: null })).status, 401);
    // Cloud has no such resource.
    assert.equal((await site.request('GET', '/wiki/rest/api/server-information')).status, 404);
  });

  it('answers the access mode as a JSON string', async () => {
    const response = await site.request('GET', '/rest/api/accessmode', { auth: bob });
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.body, 'READ_WRITE');
  });

  it('counts what the site holds for an administrator, and follows changes', async () => {
    const read = async () => {
      const response = await site.request('GET', '/rest/api/instance-metrics');
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('dc', 'GET', '/rest/api/instance-metrics', 200, response.body);
      return response.body as Json;
    };
    const before = await read();
    // The space's home page and the page made above; admin and bob.
    assert.deepEqual(before, { pages: 2, spaces: 1, users: 2, blogposts: 1, comments: 0, attachments: 1 });
    const page = await aPage(site, 'INF', 'One more');
    await aSpace(site, 'INF2');
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}`)).status, 204);
    const after = await read();
    assert.equal(after.pages, 3, 'the new home page counts, the trashed page does not');
    assert.equal(after.spaces, 2);
  });

  it('refuses the metrics and the nodes to a user who is not an administrator', async () => {
    assertRestError(await site.request('GET', '/rest/api/instance-metrics', { auth: bob }), 403);
    assertRestError(await site.request('GET', '/rest/api/cluster/nodes', { auth: bob }), 403);
  });

  it('lists this process as the one node of the cluster', async () => {
    const response = await site.request('GET', '/rest/api/cluster/nodes');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/cluster/nodes', 200, response.body);
    const body = response.body as Json & { results: Json[] };
    assert.equal(body.size, 1);
    assert.equal(body.totalCount, 1);
    const [node] = body.results as [Json];
    assert.equal((node.props as Json).pid, process.pid);
    assert.equal((node.buildStats as Json).runtimeVersion, process.version);
    assert.ok(((node.jvmStats as Json).usedMemory as number) > 0);
    const past = await site.request('GET', '/rest/api/cluster/nodes?start=1');
    assert.deepEqual((past.body as Json).results, []);
  });
});

describe('Cloud settings/systemInfo', () => {
  it('names the site by an id made once, which a restart keeps', async () => {
    const first = await startTestServer();
    try {
      await aUser(first, 'bob');
      const response = await first.request('GET', '/wiki/rest/api/settings/systemInfo', {
        auth: ['bob', 'bob-pw'],
      });
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/settings/systemInfo', 200, response.body);
      const info = response.body as Json;
      assert.match(String(info.cloudId), /^[0-9a-f-]{36}$/);
      assert.equal(info.baseUrl, `${first.url}/wiki`);
      assert.equal(info.defaultTimeZone, 'UTC');
      assert.equal(
        (await first.request('GET', '/wiki/rest/api/settings/systemInfo', { auth: null })).status,
        401,
      );
      assert.equal((await first.request('GET', '/rest/api/settings/systemInfo')).status, 404);
      await first.stop();

      const again = await startTestServer({}, first.dataDir);
      try {
        const reread = await again.request('GET', '/wiki/rest/api/settings/systemInfo');
        assert.equal((reread.body as Json).cloudId, info.cloudId);
      } finally {
        await again.stop();
      }
      const other = await startTestServer();
      try {
        const elsewhere = await other.request('GET', '/wiki/rest/api/settings/systemInfo');
        assert.notEqual((elsewhere.body as Json).cloudId, info.cloudId);
      } finally {
        await other.dispose();
      }
    } finally {
      await first.dispose();
    }
  });
});
