import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { blobFilesOf } from '../support/attachment-probes.ts';
import { anUpload, aPage, aSpace, noCheck } from '../support/builders.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('an upload cut off by the client', () => {
  let site: TestServer;
  let pageId: string;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'CUT');
    pageId = String((await aPage(site, 'CUT', 'Interrupted')).id);
  });
  after(() => site.dispose());

  it('leaves no attachment, no version and no bytes behind', async () => {
    const url = new URL(`${site.reachableUrl}/rest/api/content/${pageId}/child/attachment`);
    const boundary = 'cut-boundary';
    await new Promise<void>((resolve) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          ...noCheck,
          authorization: basic('admin', adminPassword),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(10 * 1024 * 1024),
        },
      });
      request.on('error', () => resolve());
      request.on('close', () => resolve());
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\n`,
      );
      request.write(Buffer.alloc(2 * 1024 * 1024, 1));
      // Give the server time to start streaming into a temp file, then vanish mid-body.
      setTimeout(() => request.destroy(), 200);
    });
    // The server notices the reset asynchronously; poll briefly for its clean-up.
    for (let attempt = 0; attempt < 50 && (await site.blobStore.leftovers()).length > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(await site.blobStore.leftovers(), []);
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment?filename=half.bin`);
    assert.equal((list.body as { size: number }).size, 0);
    assert.deepEqual(await blobFilesOf(site), []);

    const next = await anUpload(site, pageId, [{ name: 'after.txt', content: 'the server carries on' }]);
    assert.equal(next.status, 200);
    assert.equal(((next.body as { results: Json[] }).results[0] as Json).title, 'after.txt');
  });
});
