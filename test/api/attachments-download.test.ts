import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, multipartForm, noCheck } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Results = { results: Json[] };

describe('downloading attachments', () => {
  let site: TestServer;
  let pageId: string;
  let attachmentId: string;
  let downloadLink: string;
  const v1 = 'first version bytes';
  const v2 = '<html><script>alert(1)</script></html>';

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'DL');
    pageId = String((await aPage(site, 'DL', 'Downloads')).id);
    const created = (
      await anUpload(site, pageId, [{ name: 'ünïcode report.html', content: v1, type: 'text/html' }])
    ).body as Results;
    attachmentId = String(created.results[0]?.id);
    const second = (
      await anUpload(site, pageId, [{ name: 'ünïcode report.html', content: v2, type: 'text/html' }], {
        method: 'PUT',
      })
    ).body as Results;
    downloadLink = String((second.results[0]?._links as Json | undefined)?.download);
  });
  after(() => site.dispose());

  it('serves the _links.download path with the bytes and safe headers', async () => {
    assert.match(downloadLink, /^\/download\/attachments\/\d+\/%C3%BCn%C3%AFcode%20report\.html\?version=2&/);
    const response = await site.request('GET', downloadLink);
    assert.equal(response.status, 200);
    assert.equal(response.text, v2);
    assert.equal(response.headers.get('content-type'), 'text/html');
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(v2)));
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(
      response.headers.get('content-disposition'),
      `attachment; filename="_n_code report.html"; filename*=UTF-8''%C3%BCn%C3%AFcode%20report.html`,
    );
    assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{64}"$/);
  });

  it('serves older versions by number and ignores cache busters', async () => {
    const name = encodeURIComponent('ünïcode report.html');
    const old = await site.request(
      'GET',
      `/download/attachments/${pageId}/${name}?version=1&modificationDate=1&cacheVersion=1&api=v2`,
    );
    assert.equal(old.text, v1);
    const cloud = await site.request('GET', `/wiki/download/attachments/${pageId}/${name}?version=1`);
    assert.equal(cloud.text, v1);
    assert.equal(
      (await site.request('GET', `/download/attachments/${pageId}/${name}?version=9`)).status,
      404,
    );
    assert.equal((await site.request('GET', `/download/attachments/${pageId}/missing.txt`)).status, 404);
  });

  it("serves an older version's links after a rename, even once another file takes the old name", async () => {
    const renamedPage = String((await aPage(site, 'DL', 'Renames')).id);
    const first = (await anUpload(site, renamedPage, [{ name: 'before.txt', content: 'old bytes' }]))
      .body as Results;
    const id = String(first.results[0]?.id);
    const renamed = await site.request(
      'POST',
      `/rest/api/content/${renamedPage}/child/attachment/${id}/data`,
      {
        body: multipartForm([{ name: 'after.txt', content: 'new bytes' }]),
        headers: noCheck,
      },
    );
    assert.equal(renamed.status, 200, renamed.text);
    const v1Link = String(
      ((await site.request('GET', `/rest/api/content/${id}?version=1`)).body as { _links: Json })._links
        .download,
    );
    const v2Link = String(
      ((await site.request('GET', `/wiki/api/v2/attachments/att${id}?version=1`)).body as Json).downloadLink,
    );
    assert.match(v1Link, /\/before\.txt\?version=1&modificationDate=\d+/);
    for (const link of [v1Link, v2Link]) assert.equal((await site.request('GET', link)).text, 'old bytes');

    await anUpload(site, renamedPage, [{ name: 'before.txt', content: 'a new file of the old name' }]);
    for (const link of [v1Link, v2Link]) assert.equal((await site.request('GET', link)).text, 'old bytes');
    // Without the version's time, the name means the file that has it now.
    const byName = await site.request('GET', `/download/attachments/${renamedPage}/before.txt?version=1`);
    assert.equal(byName.text, 'a new file of the old name');
    const current = await site.request('GET', `/download/attachments/${renamedPage}/after.txt`);
    assert.equal(current.text, 'new bytes');
  });

  it("serves a text file's words as DC's extracted text, markup dropped, and 204 for other files", async () => {
    const textPage = String((await aPage(site, 'DL', 'Extracted text')).id);
    const uploaded = (
      await anUpload(site, textPage, [
        { name: 'words.txt', content: 'héllo wörld', type: 'text/plain' },
        { name: 'page.html', content: '<p>Hi <b>there</b> &amp; you</p>', type: 'text/html' },
        { name: 'blob.bin', content: Buffer.from([0, 1, 2, 3]), type: 'application/octet-stream' },
      ])
    ).body as Results;
    const [words, html, binary] = uploaded.results.map((result) => String(result.id));
    const extracted = (id: string | undefined, query = '') =>
      site.request('GET', `/rest/api/content/${textPage}/child/attachment/${id}/extractedtext${query}`);
    const plain = await extracted(words);
    assert.equal(plain.status, 200, plain.text);
    assertMatchesSpec(
      'dc',
      'GET',
      '/rest/api/content/{id}/child/attachment/{attachmentId}/extractedtext',
      200,
      plain.body,
    );
    assert.deepEqual(plain.body, { extractedText: 'héllo wörld' });
    assert.deepEqual((await extracted(words, '?limit=3')).body, { extractedText: 'hél' });
    assert.deepEqual((await extracted(html)).body, { extractedText: 'Hi there & you' });
    assert.equal((await extracted(binary)).status, 204);
    assert.equal((await extracted(words, '?limit=x')).status, 400);
    const elsewhere = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment/${words}/extractedtext`,
    );
    assert.equal(elsewhere.status, 404);
  });

  it('serves the REST download paths for the current and an older version', async () => {
    const rest = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment/${attachmentId}/download?version=1`,
    );
    assert.equal(rest.status, 200);
    assert.equal(rest.text, v1);
    const cloud = await site.request(
      'GET',
      `/wiki/rest/api/content/${pageId}/child/attachment/att${attachmentId}/download`,
    );
    assert.equal(cloud.text, v2);
    const direct = await site.request('GET', `/rest/api/content/${attachmentId}/download`);
    assert.equal(direct.text, v2);
    const wrongPage = await site.request(
      'GET',
      `/rest/api/content/1/child/attachment/${attachmentId}/download`,
    );
    assert.equal(wrongPage.status, 404);
    const notAnAttachment = await site.request('GET', `/rest/api/content/${pageId}/download`);
    assert.equal(notAnAttachment.status, 404);
    // The v1 spec: 400 for a version past the latest or an invalid value.
    for (const version of ['3', '0', 'two']) {
      const path = `/rest/api/content/${pageId}/child/attachment/${attachmentId}/download?version=${version}`;
      assert.equal((await site.request('GET', path)).status, 400, version);
    }
  });

  it('serves a trashed attachment from the REST download path when status asks for the trash', async () => {
    const created = (await anUpload(site, pageId, [{ name: 'binned.txt', content: 'in the bin' }]))
      .body as Results;
    const id = String(created.results[0]?.id);
    assert.equal((await site.request('DELETE', `/rest/api/content/${id}`)).status, 204);
    const path = `/rest/api/content/${pageId}/child/attachment/${id}/download`;
    assert.equal((await site.request('GET', path)).status, 404);
    for (const status of ['trashed', 'any']) {
      const found = await site.request('GET', `${path}?status=${status}`);
      assert.equal(found.status, 200, status);
      assert.equal(found.text, 'in the bin');
    }
  });

  it('answers ranges with 206, impossible ranges with 416, and a matching ETag with 304', async () => {
    const path = `/rest/api/content/${attachmentId}/download`;
    const partial = await site.request('GET', path, { headers: { range: 'bytes=1-4' } });
    assert.equal(partial.status, 206);
    assert.equal(partial.text, v2.slice(1, 5));
    assert.equal(partial.headers.get('content-range'), `bytes 1-4/${Buffer.byteLength(v2)}`);
    const suffix = await site.request('GET', path, { headers: { range: 'bytes=-7' } });
    assert.equal(suffix.text, v2.slice(-7));
    const beyond = await site.request('GET', path, { headers: { range: 'bytes=9999-' } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${Buffer.byteLength(v2)}`);
    const etag = (await site.request('GET', path)).headers.get('etag') ?? '';
    const cached = await site.request('GET', path, { headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    assert.equal(cached.text, '');
    // A proxy that weakens the tag (nginx does, when it compresses) still revalidates: RFC 9110 §13.1.2.
    const weakened = await site.request('GET', path, { headers: { 'if-none-match': `W/${etag}` } });
    assert.equal(weakened.status, 304);
  });

  it('resumes a range only while If-Range names the current bytes, else sends the whole file', async () => {
    // A download resumed after a new version was uploaded must not splice the new bytes onto the old.
    const path = `/rest/api/content/${attachmentId}/download`;
    const etag = (await site.request('GET', path)).headers.get('etag') ?? '';
    const resumed = await site.request('GET', path, { headers: { range: 'bytes=3-', 'if-range': etag } });
    assert.equal(resumed.status, 206);
    assert.equal(resumed.text, v2.slice(3));
    for (const stale of ['"an-older-version"', `W/${etag}`, 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const whole = await site.request('GET', path, { headers: { range: 'bytes=3-', 'if-range': stale } });
      assert.equal(whole.status, 200, stale);
      assert.equal(whole.text, v2, stale);
      assert.equal(whole.headers.get('content-range'), null, stale);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(`${site.reachableUrl}/rest/api/content/${attachmentId}/download`, {
      method: 'HEAD',
      headers: { authorization: `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(v2)));
    assert.equal(await response.text(), '');
  });

  it('answers a conditional HEAD with 304 and no claim of an empty file', async () => {
    const url = `${site.reachableUrl}/rest/api/content/${attachmentId}/download`;
    const authorization = `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}`;
    const etag = (await fetch(url, { method: 'HEAD', headers: { authorization } })).headers.get('etag') ?? '';
    const response = await fetch(url, { method: 'HEAD', headers: { authorization, 'if-none-match': etag } });
    assert.equal(response.status, 304);
    // RFC 9110 §8.6: a 304's Content-Length, if sent, is the length a 200 would have had.
    assert.ok([null, String(Buffer.byteLength(v2))].includes(response.headers.get('content-length')));
  });

  it("stops serving a page's files while the page is in the trash, and serves them again after restore", async () => {
    const page = await aPage(site, 'DL', 'Short-lived');
    const uploaded = (await anUpload(site, String(page.id), [{ name: 'kept.txt', content: 'kept' }]))
      .body as Results;
    const id = String(uploaded.results[0]?.id);
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}`)).status, 204);
    assert.equal((await site.request('GET', `/rest/api/content/${id}/download`)).status, 404);
    assert.equal((await site.request('GET', `/download/attachments/${page.id}/kept.txt`)).status, 404);
    await site.request('PUT', `/rest/api/content/${page.id}`, {
      json: { type: 'page', title: 'Short-lived', status: 'current', version: { number: 2 } },
    });
    assert.equal((await site.request('GET', `/rest/api/content/${id}/download`)).text, 'kept');
  });

  it('redirects an image thumbnail to the servlet, which serves the image like a download', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const uploaded = (await anUpload(site, pageId, [{ name: 'dot 1%.png', content: png, type: 'image/png' }]))
      .body as Results;
    const id = String(uploaded.results[0]?.id);
    const thumbnail = await site.request(
      'GET',
      `/wiki/api/v2/attachments/att${id}/thumbnail/download?width=64`,
    );
    assert.equal(thumbnail.status, 302);
    // On the origin the client asked, whatever the base URL says, so it keeps its credentials (clients.md).
    assert.match(thumbnail.headers.get('location') ?? '', /^\/wiki\/download\//);
    const location = new URL(thumbnail.headers.get('location') ?? '', 'http://any.example');
    assert.equal(location.pathname, `/wiki/download/thumbnails/${pageId}/dot%201%25.png`);
    assert.equal(location.search, '?version=1');
    const image = await site.request('GET', location.pathname + location.search);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(image.headers.get('etag'), `"${createHash('sha256').update(png).digest('hex')}"`);
  });

  it('has no thumbnail for what is not a raster image, and refuses a width that is not a number', async () => {
    const missing = await site.request('GET', `/wiki/api/v2/attachments/${attachmentId}/thumbnail/download`);
    assert.equal(missing.status, 404);
    assert.match(String((missing.body as { errors: Json[] }).errors[0]?.detail), /not an image/);
    const name = encodeURIComponent('ünïcode report.html');
    assert.equal((await site.request('GET', `/download/thumbnails/${pageId}/${name}`)).status, 404);
    const bad = await site.request(
      'GET',
      `/wiki/api/v2/attachments/${attachmentId}/thumbnail/download?width=wide`,
    );
    assert.equal(bad.status, 400);
  });

  it('requires credentials for downloads', async () => {
    assert.equal((await site.request('GET', downloadLink, { auth: null })).status, 401);
  });
});

describe('downloading attachments under a context path', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer({ TRIBUTARY_CONTEXT_PATH: '/confluence' });
  });
  after(() => site.dispose());

  it('serves _links.download joined onto the base, and onto the origin as some clients join it', async () => {
    await aSpace(site, 'CTX');
    const pageId = String((await aPage(site, 'CTX', 'Context')).id);
    const created = (await anUpload(site, pageId, [{ name: 'joined.txt', content: 'joined bytes' }]))
      .body as Results & { _links: Json };
    const download = String(((created.results[0]?._links ?? {}) as Json).download);
    const base = String(created._links.base);
    assert.match(base, /\/confluence$/);
    const origin = new URL(base).origin;
    const authorization = `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}`;
    for (const url of [base + download, origin + download]) {
      const response = await fetch(url, { headers: { authorization } });
      assert.equal(response.status, 200, url);
      assert.equal(await response.text(), 'joined bytes');
    }
  });
});
