import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

/** What Data Center shows for a change refused in read-only mode (docs/operations.md). */
const readOnlyPhrase = "This site is read-only. You can't make changes right now.";

describe('read-only mode for maintenance (TRIBUTARY_READ_ONLY)', () => {
  let site: TestServer;
  let pageId: string;
  let attachmentId: string;

  before(async () => {
    // The site is made as usual, then served again on the same data in read-only mode.
    const writable = await startTestServer();
    await aSpace(writable, 'RO');
    pageId = String((await aPage(writable, 'RO', 'Kept page')).id);
    const upload = await anUpload(writable, pageId, [{ name: 'kept.txt', content: 'kept bytes' }]);
    assert.equal(upload.status, 200, upload.text);
    attachmentId = String((upload.body as { results: Json[] }).results[0]?.id);
    await writable.stop();
    site = await startTestServer({ TRIBUTARY_READ_ONLY: 'true' }, writable.dataDir);
  });
  after(() => site.dispose());

  it('keeps serving reads: pages, attachment lists and downloads', async () => {
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200);
    assert.equal((await site.request('GET', `/wiki/api/v2/pages/${pageId}`)).status, 200);
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    assert.equal((list.body as { size: number }).size, 1);
    const download = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment/${attachmentId}/download`,
    );
    assert.equal(download.status, 200);
    assert.equal(download.text, 'kept bytes');
  });

  it('refuses a v1 write with 503 in RestError shape, not allowed in read-only mode', async () => {
    const response = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'New', space: { key: 'RO' } },
    });
    assert.equal(response.status, 503);
    assert.deepEqual(response.body, {
      statusCode: 503,
      data: { authorized: true, valid: true, allowedInReadOnlyMode: false, errors: [], successful: false },
      message: readOnlyPhrase,
      reason: 'Service Unavailable',
    });
  });

  it('refuses an upload, leaving the attachments as they were', async () => {
    const response = await anUpload(site, pageId, [{ name: 'new.txt', content: 'new bytes' }]);
    assert.equal(response.status, 503);
    assert.equal((response.body as Json).message, readOnlyPhrase);
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    assert.equal((list.body as { size: number }).size, 1);
  });

  it('refuses a v2 write in the errors[] shape', async () => {
    const response = await site.request('PUT', `/wiki/api/v2/pages/${pageId}`, {
      json: { id: pageId, status: 'current', title: 'Renamed', version: { number: 2 } },
    });
    assert.equal(response.status, 503);
    assert.deepEqual(response.body, {
      errors: [
        { status: 503, code: 'SERVICE_UNAVAILABLE', title: 'Service Unavailable', detail: readOnlyPhrase },
      ],
    });
  });

  it('refuses an Extender delete in its RestError shape', async () => {
    const response = await site.request(
      'DELETE',
      `/rest/extender/1.0/content/attachment/${attachmentId}/delete`,
    );
    assert.equal(response.status, 503);
    assert.equal((response.body as Json).message, readOnlyPhrase);
    assert.equal((await site.request('GET', `/rest/api/content/${attachmentId}`)).status, 200);
  });

  it('reports the mode in GET /status (still ready) and in Data Center’s GET /rest/api/accessmode', async () => {
    const status = await site.request('GET', '/status', { auth: null });
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { state: 'RUNNING', accessMode: 'READ_ONLY' });
    const mode = await site.request('GET', '/rest/api/accessmode');
    assert.equal(mode.body, 'READ_ONLY');
  });
});
