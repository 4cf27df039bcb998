import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { type Nginx, nginxMissing, startNginx } from '../support/nginx.ts';
import { s3TestEndpoint } from '../support/test-blob-store.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Results = { results: Json[] };

const html = '<html><body><script>alert(document.cookie)</script>uploaded</body></html>';
const sha256 = createHash('sha256').update(html).digest('hex');
const prefix = '/_tributary_blobs/';
const safeHeaders = {
  'content-type': 'text/html',
  'content-disposition': `attachment; filename="page.html"; filename*=UTF-8''page.html`,
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'private, max-age=0, must-revalidate',
  etag: `"${sha256}"`,
};

/** A site whose blobs are in a folder whatever the test switches say: the proxy modes read files. */
async function siteOnFolder(offload: string): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tributary-offload-'));
  return startTestServer(
    {
      TRIBUTARY_BLOB_STORE_URL: `file:${path.join(dir, 'blobs')}`,
      TRIBUTARY_DOWNLOAD_OFFLOAD: offload,
    },
    dir,
  );
}

/** An HTML attachment and every link that downloads it: the servlet, v1's two and v2's. */
async function htmlAttachment(site: TestServer): Promise<string[]> {
  await aSpace(site, 'OFF');
  const pageId = String((await aPage(site, 'OFF', 'Offloaded')).id);
  const created = (await anUpload(site, pageId, [{ name: 'page.html', content: html, type: 'text/html' }]))
    .body as Results;
  const attachment = created.results[0] as Json;
  const v2 = (await site.request('GET', `/wiki/api/v2/attachments/${attachment.id}`)).body as Json;
  return [
    String((attachment._links as Json).download),
    `/rest/api/content/${pageId}/child/attachment/${attachment.id}/download`,
    `/rest/api/content/${attachment.id}/download`,
    `/wiki${String(v2.downloadLink)}`,
  ];
}

function assertHeaders(headers: Headers, expected: Record<string, string>, where: string): void {
  for (const [name, value] of Object.entries(expected)) {
    assert.equal(headers.get(name), value, `${name} on ${where}`);
  }
}

describe('download offload to a proxy (X-Accel-Redirect)', () => {
  let site: TestServer;
  let links: string[];

  before(async () => {
    site = await siteOnFolder('x-accel-redirect');
    links = await htmlAttachment(site);
  });
  after(() => site.dispose());

  it('answers every download link with the blob under the prefix, every safe header and no body', async () => {
    for (const link of links) {
      const response = await site.request('GET', link);
      assert.equal(response.status, 200, link);
      assert.equal(response.headers.get('x-accel-redirect'), `${prefix}${sha256.slice(0, 2)}/${sha256}`);
      assertHeaders(response.headers, safeHeaders, link);
      assert.equal(response.headers.get('content-length'), '0');
      assert.equal(response.text, '');
    }
  });

  it('still answers HEAD, If-None-Match and unsatisfiable ranges itself', async () => {
    const [link = ''] = links;
    const head = await site.request('HEAD', link);
    assert.equal(head.headers.get('x-accel-redirect'), null);
    assert.equal(head.headers.get('content-length'), String(html.length));
    const cached = await site.request('GET', link, { headers: { 'if-none-match': `"${sha256}"` } });
    assert.equal(cached.status, 304);
    assert.equal(cached.headers.get('x-accel-redirect'), null);
    const past = await site.request('GET', link, { headers: { range: 'bytes=9999-' } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('x-accel-redirect'), null);
  });

  it('checks permissions before handing over: no credentials, no redirect header', async () => {
    const [link = ''] = links;
    const anonymous = await site.request('GET', link, { auth: null });
    assert.notEqual(anonymous.status, 200);
    assert.equal(anonymous.headers.get('x-accel-redirect'), null);
  });
});

describe('download offload to a proxy (X-Sendfile)', () => {
  let site: TestServer;
  let links: string[];

  before(async () => {
    site = await siteOnFolder('x-sendfile');
    links = await htmlAttachment(site);
  });
  after(() => site.dispose());

  it("names the blob's file by its absolute path, with every safe header", async () => {
    const response = await site.request('GET', links[0] ?? '');
    assert.equal(
      response.headers.get('x-sendfile'),
      path.join(site.dataDir, 'blobs', sha256.slice(0, 2), sha256),
    );
    assertHeaders(response.headers, safeHeaders, 'the servlet');
    assert.equal(response.text, '');
  });
});

describe('downloads through a real nginx with X-Accel-Redirect', { skip: nginxMissing }, () => {
  let site: TestServer;
  let nginx: Nginx;
  let links: string[];
  const auth = { authorization: basic('admin', adminPassword) };

  before(async () => {
    site = await siteOnFolder('x-accel-redirect');
    links = await htmlAttachment(site);
    nginx = await startNginx({
      upstream: site.reachableUrl,
      blobDir: path.join(site.dataDir, 'blobs'),
      prefix,
    });
  });
  after(async () => {
    await nginx?.stop();
    await site.dispose();
  });

  it('sends the same bytes with every header that keeps the HTML from running as the site', async () => {
    for (const link of links) {
      const response = await fetch(nginx.url + link, { headers: auth });
      assert.equal(response.status, 200, link);
      assert.equal(await response.text(), html, link);
      assertHeaders(response.headers, safeHeaders, link);
      assert.equal(response.headers.get('content-length'), String(html.length));
      assert.equal(response.headers.get('last-modified'), null);
      assert.equal(response.headers.get('x-accel-redirect'), null);
    }
  });

  it('answers a range from the file, and the whole file when If-Range names other bytes', async () => {
    const [link = ''] = links;
    const part = await fetch(nginx.url + link, { headers: { ...auth, range: 'bytes=6-11' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 6-11/${html.length}`);
    assert.equal(await part.text(), html.slice(6, 12));
    assertHeaders(part.headers, safeHeaders, 'a range');
    const suffix = await fetch(nginx.url + link, {
      headers: { ...auth, range: 'bytes=-8', 'if-range': `"${sha256}"` },
    });
    assert.equal(suffix.status, 206);
    assert.equal(await suffix.text(), html.slice(-8));
    for (const ifRange of ['"another"', new Date().toUTCString()]) {
      const stale = await fetch(nginx.url + link, {
        headers: { ...auth, range: 'bytes=0-3', 'if-range': ifRange },
      });
      assert.equal(stale.status, 200, ifRange);
      assert.equal(await stale.text(), html, ifRange);
    }
    const several = await fetch(nginx.url + link, { headers: { ...auth, range: 'bytes=0-1,4-5' } });
    assert.equal(several.status, 200);
    assert.equal(await several.text(), html);
  });

  it('answers 304 and refuses strangers as Tributary does, and never serves the internal location', async () => {
    const [link = ''] = links;
    const cached = await fetch(nginx.url + link, { headers: { ...auth, 'if-none-match': `"${sha256}"` } });
    assert.equal(cached.status, 304);
    const stranger = await fetch(nginx.url + link);
    assert.notEqual(stranger.status, 200);
    assert.notEqual(await stranger.text(), html);
    const direct = await fetch(`${nginx.url}${prefix}${sha256.slice(0, 2)}/${sha256}`, { headers: auth });
    assert.equal(direct.status, 404);
  });
});

describe('download offload to S3 (redirect)', {
  skip: s3TestEndpoint ? false : 'no TRIBUTARY_TEST_S3_ENDPOINT',
}, () => {
  let site: TestServer;
  let links: string[];

  before(async () => {
    site = await startTestServer({ TRIBUTARY_DOWNLOAD_OFFLOAD: 'redirect' });
    links = await htmlAttachment(site);
  });
  after(() => site.dispose());

  it('redirects to a presigned URL that S3 answers with the same bytes and safe headers', async () => {
    for (const link of links) {
      const response = await site.request('GET', link);
      assert.equal(response.status, 302, link);
      const location = response.headers.get('location') ?? '';
      assert.match(location, /X-Amz-Signature=/);
      const fromS3 = await fetch(location);
      assert.equal(fromS3.status, 200, link);
      assert.equal(await fromS3.text(), html);
      assertHeaders(
        fromS3.headers,
        {
          'content-type': safeHeaders['content-type'],
          'content-disposition': safeHeaders['content-disposition'],
          'cache-control': safeHeaders['cache-control'],
        },
        link,
      );
      const part = await fetch(location, { headers: { range: 'bytes=6-11' } });
      assert.equal(part.status, 206);
      assert.equal(await part.text(), html.slice(6, 12));
    }
  });

  it('serves previews, HEAD and 304 itself', async () => {
    const [link = ''] = links;
    assert.equal((await site.request('GET', `${link}&preview=true`)).status, 200);
    assert.equal((await site.request('HEAD', link)).status, 200);
    const cached = await site.request('GET', link, { headers: { 'if-none-match': `"${sha256}"` } });
    assert.equal(cached.status, 304);
  });
});
