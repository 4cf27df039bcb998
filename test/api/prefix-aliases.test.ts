import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registeredRoutesOf } from '../support/registered-routes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const linksOf = (response: { body: unknown }) =>
  (response.body as { _links: { base: string; next?: string } })._links;

describe('one API answered under several prefixes', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer({ TRIBUTARY_METRICS: 'admin' });
    await site.request('POST', '/rest/api/space', { json: { key: 'ALI', name: 'Aliases' } });
    await site.request('POST', '/rest/api/space', { json: { key: 'ALJ', name: 'Aliases too' } });
  });
  after(() => site.dispose());

  it('mounts each module once: the alias prefixes carry only the routes one side has alone', async () => {
    const urls = (await registeredRoutesOf(site)).map((route) => route.url);
    assert.deepEqual(
      urls.filter((url) => url.startsWith('/api/v2/')),
      [],
    );
    assert.deepEqual(
      [...new Set(urls.filter((url) => url.startsWith('/wiki/rest/api/')))],
      ['/wiki/rest/api/settings/systemInfo'],
    );
    assert.ok(urls.includes('/rest/api/space/:spaceKey'));
    assert.ok(urls.includes('/wiki/api/v2/spaces'));
  });

  it('answers the same resource on every prefix, in that prefix’s own shape', async () => {
    const dc = await site.request('GET', '/rest/api/space/ALI');
    const cloud = await site.request('GET', '/wiki/rest/api/space/ALI');
    assert.equal(dc.status, 200);
    assert.equal(cloud.status, 200);
    assert.equal(linksOf(cloud).base, `${site.url}/wiki`);
    assert.equal(linksOf(dc).base, site.url);
  });

  it('keeps the prefix the client used in v2 `_links.next`', async () => {
    const bare = await site.request('GET', '/api/v2/spaces?limit=1');
    assert.equal(bare.status, 200);
    assert.match(linksOf(bare).next ?? '', /^\/api\/v2\/spaces\?/);
    const wiki = await site.request('GET', '/wiki/api/v2/spaces?limit=1');
    assert.match(linksOf(wiki).next ?? '', /^\/wiki\/api\/v2\/spaces\?/);
  });

  it('answers 404 on Cloud paths for Data Center’s own resources, however the path is written', async () => {
    for (const path of [
      '/wiki/rest/api/webhooks',
      '/wiki/rest/api/webhooks/',
      '/wiki/rest/api/webhooks/7',
      '/wiki/rest/api/server-information?expand=x',
      '/wiki/rest/api/backup-restore/jobs/3',
    ]) {
      const response = await site.request('GET', path);
      assert.equal(response.status, 404, path);
      assert.match(
        (response.body as { message: string }).message,
        /^No resource at GET \/wiki\/rest\/api\//,
        path,
      );
    }
    assert.equal((await site.request('GET', '/rest/api/webhooks')).status, 200);
  });

  it('answers 405 with Allow on an alias path whose resource lacks the method', async () => {
    const response = await site.request('DELETE', '/wiki/rest/api/space');
    assert.equal(response.status, 405);
    assert.match(response.headers.get('allow') ?? '', /GET/);
  });

  it('counts a request in the metrics under the route as the client addressed it', async () => {
    await site.request('GET', '/wiki/rest/api/space/NOPE');
    const text = (await site.request('GET', '/metrics')).text;
    assert.match(
      text,
      /^tributary_http_requests_total\{method="GET",route="\/wiki\/rest\/api\/space\/:spaceKey",status="404"\} 1$/m,
    );
  });
});
