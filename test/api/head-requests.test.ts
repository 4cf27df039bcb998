import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { registeredRoutesOf } from '../support/registered-routes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('HEAD, answered by the GET route it mirrors', () => {
  let site: TestServer;
  let attachmentId: string;
  let pageId: string;

  before(async () => {
    // Test mode on PostgreSQL and S3 must be forced: a reset there would replace a shared site.
    site = await startTestServer({ TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' });
    await aSpace(site, 'HEA');
    pageId = String((await aPage(site, 'HEA', 'Headed')).id);
    const upload = await anUpload(site, pageId, [{ name: 'notes.txt', content: 'twelve bytes' }]);
    attachmentId = (upload.body as { results: { id: string }[] }).results[0]?.id.replace(/^att/, '') ?? '';
  });
  after(() => site.dispose());

  it('registers no HEAD route beside each GET: only the static files’ plugin names HEAD itself', async () => {
    const routes = await registeredRoutesOf(site);
    const heads = routes.filter((route) => route.method === 'HEAD').map((route) => route.url);
    assert.deepEqual(heads, ['/s/tributary/*']);
    assert.ok(routes.filter((route) => route.method === 'GET').length > 300);
  });

  for (const path of [
    () => `/rest/api/content/${pageId}`,
    () => `/wiki/api/v2/attachments/att${attachmentId}`,
    () => `/wiki/rest/api/content/${pageId}/child/attachment`,
  ]) {
    it(`sends the headers of the GET, Content-Length included, and no body: ${path().replace(/\d+/g, 'N')}`, async () => {
      const get = await site.request('GET', path());
      const head = await site.request('HEAD', path());
      assert.equal(get.status, 200);
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(get.text)));
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
    });
  }

  it('answers a download’s HEAD with its length and no bytes', async () => {
    const head = await site.request('HEAD', `/download/attachments/${pageId}/notes.txt`);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '12');
    assert.equal(head.text, '');
  });

  it('answers 404 and 405 as GET would, and names HEAD, not GET, in the journal and in fault rules', async () => {
    const missing = await site.request('HEAD', '/rest/api/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.text, '');
    const refused = await site.request('HEAD', '/rest/api/contentbody/convert/view');
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.get('allow'), 'POST');

    const fault = await site.request('POST', '/rest/tributary/1.0/faults', {
      json: { method: 'HEAD', path: `/rest/api/content/${pageId}`, status: 503, times: 1 },
    });
    assert.equal(fault.status, 201);
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200);
    assert.equal((await site.request('HEAD', `/rest/api/content/${pageId}`)).status, 503);

    const journal = await site.request('GET', '/rest/tributary/1.0/requests?limit=50');
    const entries = (journal.body as { results: { method: string; path: string; status: number }[] }).results;
    assert.ok(entries.some((entry) => entry.method === 'HEAD' && entry.path === '/rest/api/nothing-here'));
    assert.ok(entries.some((entry) => entry.method === 'HEAD' && entry.status === 503));
  });
});
