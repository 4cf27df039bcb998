import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { S3BlobStore } from '../../src/adapters/blobs/s3-blob-store.ts';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { aSharedSite, type SharedSite, sharedSiteSkip } from '../support/shared-site.ts';
import { freshS3Location } from '../support/test-blob-store.ts';
import { adminPassword, basic, requesterFor } from '../support/test-server.ts';

const MiB = 1024 * 1024;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A server process killed (SIGKILL) in the middle of an upload to S3 (issue 19): the next process shows
 * nothing of it, and the multipart upload it left open is ended by the stale-upload sweep.
 */
describe('a node killed in the middle of an upload', { skip: sharedSiteSkip }, () => {
  let shared: SharedSite | undefined;

  before(async () => {
    shared = await aSharedSite();
  });

  after(async () => {
    await shared?.dispose();
  });

  it('leaves nothing visible and no multipart upload once swept', async () => {
    assert.ok(shared);
    const { blobs } = shared;
    const first = await shared.serve();
    const site = requesterFor(first.origin);
    await aSpace(site, 'KILL');
    const pageId = String(field(await aPage(site, 'KILL', 'Killed'), 'id'));

    // 40 MiB sent, more promised: the store has begun its multipart upload when the process dies.
    const boundary = 'killed-upload-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`;
    const request = http.request(`${first.origin}/rest/api/content/${pageId}/child/attachment`, {
      method: 'POST',
      headers: {
        authorization: basic('admin', adminPassword),
        'x-atlassian-token': 'no-check',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + 100 * MiB),
      },
    });
    request.on('error', () => undefined);
    request.write(head);
    for (let sent = 0; sent < 40; sent += 1) request.write(randomBytes(MiB));
    await until(async () => (await blobs.leftovers()).length > 0, 'the upload to reach the store');
    first.tributary.child.kill('SIGKILL');
    await first.tributary.exited;
    request.destroy();

    const second = await shared.serve();
    const after = requesterFor(second.origin);
    const listed = await after.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(field(listed.body, 'size'), 0);
    assert.deepEqual(await blobs.blobHashes(), []);
    assert.notDeepEqual(await blobs.leftovers(), [], 'a fresh leftover outlives a start (it may be live)');

    const [, prefix = ''] = /^s3:\/\/[^/]+\/(.*)$/.exec(String(blobs.env.TRIBUTARY_BLOB_STORE_URL)) ?? [];
    const store = new S3BlobStore({ ...(await freshS3Location(prefix)), staleAfterMs: 0 });
    await store.sweepStalePuts();
    store.close();
    assert.deepEqual(await blobs.leftovers(), []);

    const uploaded = await anUpload(after, pageId, [{ name: 'after.txt', content: 'still works' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
  });
});
