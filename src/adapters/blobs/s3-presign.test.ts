import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { S3BlobStore } from './s3-blob-store.ts';

const sha256 = 'ab'.padEnd(64, '0');
const download = {
  contentType: 'text/html',
  contentDisposition: `attachment; filename="r sum.html"; filename*=UTF-8''r%C3%A9sum.html`,
  cacheControl: 'private, max-age=0, must-revalidate',
  expiresInSeconds: 60,
};
// The SDK's default chain reads them when it signs; no request is sent.
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'secret';

describe('S3BlobStore.presignDownload', () => {
  const stores: S3BlobStore[] = [];
  const storeOf = (options: { endpoint?: string; forcePathStyle: boolean }) => {
    const store = new S3BlobStore({
      bucket: 'wiki',
      prefix: 'site/',
      region: 'eu-west-3',
      checksums: 'when_required',
      ...options,
    });
    stores.push(store);
    return store;
  };
  after(() => {
    for (const store of stores) store.close();
  });

  it('signs a GET of the blob path-style, with the response headers as signed overrides', async () => {
    const url = new URL(
      await storeOf({ endpoint: 'http://127.0.0.1:7480', forcePathStyle: true }).presignDownload(
        sha256,
        download,
      ),
    );
    assert.equal(url.origin, 'http://127.0.0.1:7480');
    assert.equal(url.pathname, `/wiki/site/blobs/ab/${sha256}`);
    const query = url.searchParams;
    assert.equal(query.get('response-content-type'), download.contentType);
    assert.equal(query.get('response-content-disposition'), download.contentDisposition);
    assert.equal(query.get('response-cache-control'), download.cacheControl);
    assert.equal(query.get('X-Amz-Expires'), '60');
    assert.match(query.get('X-Amz-Credential') ?? '', /^AKIDEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request$/);
    assert.match(query.get('X-Amz-Signature') ?? '', /^[0-9a-f]{64}$/);
    // Spaces as %20, never '+', which S3 would read as a plus sign and so not as the signed value.
    assert.doesNotMatch(url.search, /\+/);
  });

  it('puts the bucket in the host name on AWS unless path style is asked for', async () => {
    const url = new URL(await storeOf({ forcePathStyle: false }).presignDownload(sha256, download));
    assert.equal(url.host, 'wiki.s3.eu-west-3.amazonaws.com');
    assert.equal(url.pathname, `/site/blobs/ab/${sha256}`);
  });
});
