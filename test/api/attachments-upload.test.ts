import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blobFilesOf } from '../support/attachment-probes.ts';
import { anUpload, aPage, aSpace, multipartForm, noCheck, rawMultipart } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Results = { results: Json[]; size: number };

const blobCount = async (site: TestServer) => (await blobFilesOf(site)).length;

describe('uploading attachments on v1 and Data Center', () => {
  let site: TestServer;
  let pageId: string;

  before(async () => {
    site = await startTestServer({
      TRIBUTARY_MAX_ATTACHMENT_SIZE: '1MiB',
      TRIBUTARY_ATTACHMENT_TYPES_DENIED: '.exe',
    });
    await aSpace(site, 'FILES');
    pageId = String((await aPage(site, 'FILES', 'Attachments here')).id);
  });
  after(() => site.dispose());

  it('stores several files with their comments in order and answers the results envelope', async () => {
    const response = await anUpload(
      site,
      pageId,
      [
        { name: 'notes.txt', content: 'plain notes', type: 'text/plain' },
        { name: 'data.json', content: '{"a":1}' },
      ],
      {
        fields: [
          ['comment', 'first file – ünïcode'],
          ['comment', 'sha256:abc'],
          ['minorEdit', 'true'],
        ],
      },
    );
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'dc',
      'POST',
      '/rest/api/content/{id}/child/attachment',
      200,
      (response.body as Results).results[0],
    );
    const body = response.body as Results;
    assert.equal(body.size, 2);
    const [notes, data] = body.results;
    assert.equal(notes?.title, 'notes.txt');
    assert.match(String(notes?.id), /^\d+$/);
    assert.equal(field(notes, 'extensions', 'fileSize'), 11);
    assert.equal(field(notes, 'extensions', 'mediaType'), 'text/plain');
    assert.equal(field(notes, 'metadata', 'comment'), 'first file – ünïcode');
    assert.equal(field(notes, 'version', 'message'), 'first file – ünïcode');
    assert.equal(field(notes, 'container', 'id'), pageId);
    assert.equal(field(data, 'extensions', 'mediaType'), 'application/json');
    assert.equal(field(data, 'metadata', 'comment'), 'sha256:abc');
    // One minorEdit speaks for every file, as the specs' single field does.
    assert.equal(field(notes, 'version', 'minorEdit'), true);
    assert.equal(field(data, 'version', 'minorEdit'), true);
    assert.match(
      String(field(notes, '_links', 'download')),
      new RegExp(`^/download/attachments/${pageId}/notes.txt\\?version=1&modificationDate=\\d+&api=v2$`),
    );
  });

  it('shows Cloud ids, the media file id and collection under /wiki', async () => {
    const response = await anUpload(site, pageId, [{ name: 'cloud.txt', content: 'x' }], {
      prefix: '/wiki/rest/api',
    });
    assert.equal(response.status, 200);
    const attachment = (response.body as Results).results[0];
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/content/{id}/child/attachment', 200, response.body);
    assert.match(String(attachment?.id), /^att\d+$/);
    assert.match(String(field(attachment, 'extensions', 'fileId')), /^[0-9a-f-]{36}$/);
    assert.equal(field(attachment, 'extensions', 'collectionName'), `contentId-${pageId}`);
    assert.equal(field(attachment, 'extensions', 'mediaTypeDescription'), 'Text File');
    const dc = await site.request('GET', `/rest/api/content/${String(attachment?.id).slice(3)}`);
    assert.equal((dc.body as Json).id, String(attachment?.id).slice(3));
    const either = await site.request('GET', `/rest/api/content/${attachment?.id}`);
    assert.equal(either.status, 200);
  });

  it('carries what clients read on every v1 surface, whatever the caller expands', async () => {
    const created = (await anUpload(site, pageId, [{ name: 'essentials.txt', content: 'e' }]))
      .body as Results;
    const id = String(created.results[0]?.id);
    const fileId = field(created.results[0], 'extensions', 'fileId');
    assert.match(String(fileId), /^[0-9a-f-]{36}$/);
    for (const [path, wireId] of [
      [`/rest/api/content/${id}?expand=metadata`, id],
      [`/wiki/rest/api/content/att${id}?expand=metadata`, `att${id}`],
      [`/rest/api/content/${pageId}/child/attachment?filename=essentials.txt&expand=metadata`, id],
      [`/wiki/rest/api/content/${pageId}/child/attachment?filename=essentials.txt`, `att${id}`],
    ]) {
      const response = await site.request('GET', String(path));
      assert.equal(response.status, 200, response.text);
      const body = response.body as Json & Partial<Results>;
      const attachment = body.results ? body.results[0] : body;
      assert.equal(attachment?.id, wireId, path);
      assert.equal(field(attachment, 'extensions', 'fileId'), fileId, path);
      assert.equal(field(attachment, 'extensions', 'collectionName'), `contentId-${pageId}`, path);
      assert.equal(field(attachment, 'container', 'id'), pageId, path);
      assert.equal(field(attachment, 'version', 'number'), 1, path);
    }
  });

  it('expands what the upload asks for besides what it always carries', async () => {
    const upload = await site.request(
      'POST',
      `/rest/api/content/${pageId}/child/attachment?expand=history,metadata.labels`,
      { body: multipartForm([{ name: 'expanded-upload.txt', content: 'x' }]), headers: noCheck },
    );
    assert.equal(upload.status, 200, upload.text);
    const [attachment] = (upload.body as Results).results;
    assert.match(String(field(attachment, 'history', 'createdDate')), /^\d{4}-/);
    assert.deepEqual(field(attachment, 'metadata', 'labels', 'results'), []);
    assert.equal(field(attachment, 'container', 'id'), pageId);
    assertMatchesSpec('dc', 'POST', '/rest/api/content/{id}/child/attachment', 200, attachment);
  });

  it('refuses an existing file name on POST with the message clients match, and versions it on PUT', async () => {
    await anUpload(site, pageId, [{ name: 'report.pdf', content: 'v1 bytes' }]);
    const duplicate = await anUpload(site, pageId, [{ name: 'report.pdf', content: 'other bytes' }]);
    assert.equal(duplicate.status, 400);
    assert.equal(
      (duplicate.body as Json).message,
      'Cannot add a new attachment with same file name as an existing attachment: report.pdf',
    );
    const put = await anUpload(site, pageId, [{ name: 'report.pdf', content: 'v2 bytes' }], {
      method: 'PUT',
    });
    assert.equal(put.status, 200);
    const versioned = (put.body as Results).results[0];
    assert.equal(field(versioned, 'version', 'number'), 2);
    const list = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment?filename=report.pdf`,
    );
    assert.equal((list.body as Results).size, 1);
    assert.equal((list.body as Results).results[0]?.id, versioned?.id);
    // DC's spec names the total totalCount, clients of both read totalSize: DC paths carry both.
    assert.equal((list.body as Json).totalCount, 1);
    assert.equal((list.body as Json).totalSize, 1);
    const cloudList = await site.request('GET', `/wiki/rest/api/content/${pageId}/child/attachment`);
    assert.equal('totalCount' in (cloudList.body as Json), false);
  });

  it('adds a new version through /data, renaming when the part has a new name', async () => {
    const created = (await anUpload(site, pageId, [{ name: 'draft.md', content: '# one' }])).body as Results;
    const id = String(created.results[0]?.id);
    const response = await site.request('POST', `/rest/api/content/${pageId}/child/attachment/${id}/data`, {
      body: multipartForm(
        [{ name: 'final.md', content: '# two', type: 'text/markdown' }],
        [['comment', 'renamed']],
      ),
      headers: noCheck,
    });
    assert.equal(response.status, 200, response.text);
    const attachment = response.body as Json;
    assert.equal(attachment.id, id);
    assert.equal(attachment.title, 'final.md');
    assert.equal(field(attachment, 'version', 'number'), 2);
    assert.equal(field(attachment, 'version', 'message'), 'renamed');
    const wrongContainer = await site.request(
      'POST',
      `/rest/api/content/999999/child/attachment/${id}/data`,
      {
        body: multipartForm([{ name: 'x.md', content: 'x' }]),
        headers: noCheck,
      },
    );
    assert.equal(wrongContainer.status, 404);
  });

  it('treats comment parts sent as files as text, and takes contentType fields as the media type', async () => {
    const form = new FormData();
    form.append('file', new Blob(['<svg/>']), 'picture.bin');
    form.append('comment', new Blob(['from a file part'], { type: 'application/octet-stream' }), 'blob');
    form.append('contentType', 'image/svg+xml');
    const response = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: form,
      headers: noCheck,
    });
    assert.equal(response.status, 200, response.text);
    const attachment = (response.body as Results).results[0];
    assert.equal(field(attachment, 'metadata', 'comment'), 'from a file part');
    assert.equal(field(attachment, 'extensions', 'mediaType'), 'image/svg+xml');
    const names = (
      (await site.request('GET', `/rest/api/content/${pageId}/child/attachment?limit=100`)).body as Results
    ).results.map((item) => item.title);
    assert.ok(!names.includes('blob'));
  });

  it('reads a comment part that names no charset as UTF-8 where valid, else as ISO-8859-1', async () => {
    const cases = [
      [
        'latin1.txt',
        'Content-Disposition: form-data; name="comment"',
        Buffer.from('caf\xe9', 'latin1'),
        'café',
      ],
      ['utf8.txt', 'Content-Disposition: form-data; name="comment"', Buffer.from('naïve ✓'), 'naïve ✓'],
      [
        'labelled.txt',
        'Content-Disposition: form-data; name="comment"\r\nContent-Type: text/plain; charset=utf-8',
        Buffer.from('✓ é'),
        '✓ é',
      ],
      [
        'as-file.txt',
        'Content-Disposition: form-data; name="comment"; filename="blob"\r\nContent-Type: application/octet-stream',
        Buffer.from('d\xe9j\xe0', 'latin1'),
        'déjà',
      ],
    ] as const;
    for (const [name, headers, bytes, expected] of cases) {
      const response = await site.request(
        'POST',
        `/rest/api/content/${pageId}/child/attachment`,
        rawMultipart([
          [`Content-Disposition: form-data; name="file"; filename="${name}"`, Buffer.from('x')],
          [headers, bytes],
        ]),
      );
      assert.equal(response.status, 200, response.text);
      assert.equal(field((response.body as Results).results[0], 'metadata', 'comment'), expected, name);
    }
  });

  it('takes the media type from the bytes, then the extension, for a file part with no Content-Type', async () => {
    // Python's requests sends files so by default; the parser would call every such part text/plain.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const cases = [
      ['no-header.png', png, 'image/png'],
      ['no-header.csv', Buffer.from('a,b\n1,2\n'), 'text/csv'],
      ['NO-EXTENSION', Buffer.from('plain words'), 'text/plain'],
    ] as const;
    for (const [name, bytes, expected] of cases) {
      const response = await site.request(
        'POST',
        `/rest/api/content/${pageId}/child/attachment`,
        rawMultipart([[`Content-Disposition: form-data; name="file"; filename="${name}"`, bytes]]),
      );
      assert.equal(response.status, 200, response.text);
      assert.equal(field((response.body as Results).results[0], 'extensions', 'mediaType'), expected, name);
    }
  });

  it('takes comments on an attachment, listed by v2 footer-comments', async () => {
    const uploaded = (await anUpload(site, pageId, [{ name: 'reviewed.txt', content: 'review me' }]))
      .body as Results;
    const attachmentId = String(uploaded.results[0]?.id);
    const comment = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'comment',
        container: { id: attachmentId, type: 'attachment' },
        body: { storage: { value: '<p>Looks right</p>', representation: 'storage' } },
      },
    });
    assert.equal(comment.status, 200, comment.text);
    const listed = await site.request('GET', `/wiki/api/v2/attachments/att${attachmentId}/footer-comments`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      (listed.body as Results).results.map((item) => item.id),
      [(comment.body as Json).id],
    );
    assert.equal((listed.body as Results).results[0]?.attachmentId, `att${attachmentId}`);
  });

  it('refuses a contentType field that is no media type, or that the type rules deny, storing nothing', async () => {
    for (const [contentType, status] of [
      ['garbage', 400],
      ['text/plain\r\nX-Evil: 1', 400],
      ['application/x-msdownload', 200],
    ] as const) {
      const form = multipartForm(
        [{ name: `typed-${status}.txt`, content: 'typed' }],
        [['contentType', contentType]],
      );
      const response = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
        body: form,
        headers: noCheck,
      });
      assert.equal(response.status, status, `${contentType}: ${response.text}`);
    }
    const listed = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment?filename=typed-400.txt`,
    );
    assert.equal((listed.body as Results).size, 0);
  });

  it('keeps only the last segment of a path in a file name', async () => {
    const response = await anUpload(site, pageId, [{ name: 'C:\\Users\\me\\scan.png', content: 'png?' }]);
    assert.equal(response.status, 200, response.text);
    assert.equal((response.body as Results).results[0]?.title, 'scan.png');
  });

  it('refuses a write without the XSRF token with 403 and stores nothing', async () => {
    const blobsBefore = await blobCount(site);
    const response = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: multipartForm([{ name: 'sneaky.txt', content: 'csrf' }]),
    });
    assert.equal(response.status, 403);
    assert.equal(response.text, 'XSRF check failed');
    const old = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: multipartForm([{ name: 'older-token.txt', content: 'ok' }]),
      headers: { 'x-atlassian-token': 'nocheck' },
    });
    assert.equal(old.status, 200);
    assert.equal(await blobCount(site), blobsBefore + 1);
  });

  it('answers 413 past the size limit and keeps neither attachment nor bytes', async () => {
    const blobsBefore = await blobCount(site);
    const big = new Uint8Array(1024 * 1024 + 10).fill(7);
    const response = await anUpload(site, pageId, [{ name: 'big.bin', content: big }]);
    assert.equal(response.status, 413);
    assert.equal((response.body as Json).message, 'File size exceeds maximum allowed size of 1MB');
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment?filename=big.bin`);
    assert.equal((list.body as Results).size, 0);
    assert.equal(await blobCount(site), blobsBefore);
    assert.deepEqual(await site.blobStore.leftovers(), []);
  });

  it('stores all files of a request or none: a refused second file leaves the first unstored', async () => {
    const blobsBefore = await blobCount(site);
    const response = await anUpload(site, pageId, [
      { name: 'fine.txt', content: 'fine and unique bytes' },
      { name: 'tool.exe', content: 'MZ not really' },
    ]);
    assert.equal(response.status, 415);
    assert.equal((response.body as Json).message, 'File type not supported');
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment?filename=fine.txt`);
    assert.equal((list.body as Results).size, 0);
    assert.equal(await blobCount(site), blobsBefore);
  });

  it('accepts an empty file, and refuses bad names, a file part without a name and a missing file part with 400', async () => {
    const empty = await anUpload(site, pageId, [{ name: 'empty.txt', content: '' }]);
    assert.equal(empty.status, 200);
    assert.equal(field((empty.body as Results).results[0], 'extensions', 'fileSize'), 0);
    for (const name of ['bad\u0001name.txt', 'bad\u0085name.txt', 'x'.repeat(300), '..']) {
      const response = await anUpload(site, pageId, [{ name, content: 'x' }]);
      assert.equal(response.status, 400, name);
      assert.equal((response.body as Json).statusCode, 400);
    }
    const noFile = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: multipartForm([], [['comment', 'lonely']]),
      headers: noCheck,
    });
    assert.equal(noFile.status, 400);
    const truncated = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\n\r\npartial',
      headers: { ...noCheck, 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    assert.equal(truncated.status, 400);
    // The parser takes an octet-stream part as a file even when it names none (found by test/fuzz).
    const unnamed = await site.request('POST', `/rest/api/content/${pageId}/child/attachment`, {
      body: '--xyz\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nbytes\r\n--xyz--\r\n',
      headers: { ...noCheck, 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    assert.equal(unnamed.status, 400);
    assert.equal((unnamed.body as Json).message, 'The file name is empty');
    const onAttachment = await anUpload(site, String(((empty.body as Results).results[0] as Json).id), [
      { name: 'nested.txt', content: 'x' },
    ]);
    assert.equal(onAttachment.status, 400);
  });

  it('refuses a comment over 64 KiB however it comes, storing nothing, rather than cutting it', async () => {
    for (const length of [100_000, 2 * 1024 * 1024]) {
      const name = `long-comment-${length}.txt`;
      const response = await anUpload(site, pageId, [{ name, content: 'x' }], {
        fields: [['comment', 'c'.repeat(length)]],
      });
      assert.equal(response.status, 400, response.text.slice(0, 200));
      assert.match(String((response.body as Json).message), /comment.*64 KiB|too long/);
      const listed = await site.request(
        'GET',
        `/rest/api/content/${pageId}/child/attachment?filename=${name}`,
      );
      assert.equal((listed.body as Results).results.length, 0);
    }
    const justFits = await anUpload(site, pageId, [{ name: 'comment-64k.txt', content: 'x' }], {
      fields: [['comment', 'c'.repeat(64 * 1024)]],
    });
    assert.equal(justFits.status, 200, justFits.text.slice(0, 200));
  });

  it('takes the media type from the name and bytes when the part declares something that is none', async () => {
    const response = await anUpload(site, pageId, [{ name: 'declared-x.txt', content: 'words', type: 'x' }]);
    assert.equal(response.status, 200, response.text);
    assert.equal(field((response.body as Results).results[0], 'extensions', 'mediaType'), 'text/plain');
  });

  it('gives one winner when two clients upload the same new name at once', async () => {
    const [a, b] = await Promise.all([
      anUpload(site, pageId, [{ name: 'race.txt', content: 'from a' }]),
      anUpload(site, pageId, [{ name: 'race.txt', content: 'from b' }]),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 400]);
    const list = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment?filename=race.txt&expand=version`,
    );
    assert.equal((list.body as Results).size, 1);
    assert.equal(field((list.body as Results).results[0], 'version', 'number'), 1);
  });

  it('answers 404 to a new version of an attachment in the trash, storing nothing', async () => {
    const created = (await anUpload(site, pageId, [{ name: 'binned-data.txt', content: 'v1' }]))
      .body as Results;
    const id = String(created.results[0]?.id);
    assert.equal((await site.request('DELETE', `/rest/api/content/${id}`)).status, 204);
    const blobsBefore = await blobCount(site);
    const response = await site.request('POST', `/rest/api/content/${pageId}/child/attachment/${id}/data`, {
      body: multipartForm([{ name: 'binned-data.txt', content: 'v2 never stored' }]),
      headers: noCheck,
    });
    assert.equal(response.status, 404, response.text);
    assert.equal(await blobCount(site), blobsBefore);
  });

  it('numbers 50 concurrent new versions 2..51 with no gap or repeat', async () => {
    const created = (await anUpload(site, pageId, [{ name: 'busy.txt', content: 'v1' }])).body as Results;
    const id = String(created.results[0]?.id);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        site.request('POST', `/rest/api/content/${pageId}/child/attachment/${id}/data`, {
          body: multipartForm([{ name: 'busy.txt', content: `version from client ${index}` }]),
          headers: noCheck,
        }),
      ),
    );
    const numbers = responses
      .map((response) => field(response.body, 'version', 'number'))
      .sort((x, y) => Number(x) - Number(y));
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, index) => index + 2),
    );
  });
});
