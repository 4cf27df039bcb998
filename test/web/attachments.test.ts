import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { openZip } from '../../src/adapters/backups/zip-reader.ts';
import { pageSize } from '../../src/http/web/routes/attachments/list-query.ts';
import { anUpload, aPage, aSpace, aUser, type UploadFile } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { signInByForm, type WebSessionOf } from '../support/web-session.ts';

interface Uploaded {
  results: { id: string }[];
}

const files: UploadFile[] = [
  { name: 'delta.txt', content: 'dddd', type: 'text/plain' },
  { name: 'Alpha.png', content: 'a', type: 'image/png' },
  { name: 'charlie.pdf', content: 'ccccccccc', type: 'application/pdf' },
  { name: 'bravo.txt', content: 'bbbbbbb', type: 'text/plain' },
  { name: 'echo.html', content: '<script>alert(1)</script>', type: 'text/html' },
  { name: 'foxtrot.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: 'image/svg+xml' },
];

/** The file names of the screen's rows, in order. */
const rowTitles = (markup: string) =>
  [...markup.matchAll(/<tr data-attachment-id="\d+" data-title="([^"]+)"/g)].map((m) => m[1] ?? '');
const nextLink = (markup: string) =>
  /<a rel="next" href="([^"]+)"/.exec(markup)?.[1]?.replaceAll('&amp;', '&');
const prevLink = (markup: string) =>
  /<a rel="prev" href="([^"]+)"/.exec(markup)?.[1]?.replaceAll('&amp;', '&');

describe('the attachments screen', () => {
  let server: TestServer;
  let session: WebSessionOf;
  let pageId: string;
  const ids = new Map<string, string>();
  const screen = (query: string, who: WebSessionOf = session) =>
    server.request('GET', `/pages/viewpageattachments.action?pageId=${pageId}${query}`, {
      auth: null,
      headers: { cookie: who.cookie },
    });

  before(async () => {
    server = await startTestServer();
    await aSpace(server, 'ATT');
    pageId = String((await aPage(server, 'ATT', 'Files')).id);
    // One at a time, so the modified order is the upload order.
    for (const file of files) {
      const uploaded = await anUpload(server, pageId, [file]);
      assert.equal(uploaded.status, 200, uploaded.text);
      ids.set(file.name, String((uploaded.body as Uploaded).results[0]?.id));
    }
    session = await signInByForm(server);
  });
  after(async () => server.dispose());

  it('lists every current attachment by name, with size, type, author and version', async () => {
    const response = await screen('');
    assert.equal(response.status, 200);
    assert.match(response.text, /<title>Attachments - Files - Tributary<\/title>/);
    assert.deepEqual(rowTitles(response.text), [
      'Alpha.png',
      'bravo.txt',
      'charlie.pdf',
      'delta.txt',
      'echo.html',
      'foxtrot.svg',
    ]);
    assert.match(response.text, /6 attachments/);
    assert.match(response.text, /aria-sort="ascending"><a href="[^"]*pageId=\d+&amp;order=desc"/);
  });

  const sorted: [string, string[]][] = [
    [
      '&sort=name&order=desc',
      ['foxtrot.svg', 'echo.html', 'delta.txt', 'charlie.pdf', 'bravo.txt', 'Alpha.png'],
    ],
    ['&sort=size', ['Alpha.png', 'delta.txt', 'bravo.txt', 'charlie.pdf', 'echo.html', 'foxtrot.svg']],
    ['&sort=type', ['charlie.pdf', 'Alpha.png', 'foxtrot.svg', 'echo.html', 'delta.txt', 'bravo.txt']],
    ['&sort=modified&order=desc', files.map((file) => file.name).reverse()],
    ['&sort=author', files.map((file) => file.name)],
  ];
  for (const [query, expected] of sorted) {
    it(`sorts by ${query}`, async () => {
      const response = await screen(query);
      // Ties (same author, same type) go by id, which is upload order here.
      assert.deepEqual(rowTitles(response.text), expected);
    });
  }

  it('filters by name (contains, prefix, any case) and by media type or extension', async () => {
    assert.deepEqual(rowTitles((await screen('&name=A')).text), [
      'Alpha.png',
      'bravo.txt',
      'charlie.pdf',
      'delta.txt',
    ]);
    assert.deepEqual(rowTitles((await screen('&name=a&match=prefix')).text), ['Alpha.png']);
    assert.deepEqual(rowTitles((await screen('&name=%25')).text), [], 'a % is a literal character');
    assert.deepEqual(rowTitles((await screen('&type=text/plain')).text), ['bravo.txt', 'delta.txt']);
    assert.deepEqual(rowTitles((await screen('&type=.TXT&sort=size&order=desc')).text), [
      'bravo.txt',
      'delta.txt',
    ]);
    assert.match((await screen('&type=zip')).text, /No attachment matches/);
  });

  it('shows no Next link when one screen holds every row, and refuses a damaged cursor', async () => {
    const response = await screen('&sort=size');
    assert.equal(nextLink(response.text), undefined, 'six rows fit one page');
    const damaged = await screen('&sort=size&cursor=garbage');
    assert.equal(damaged.status, 400);
    assert.match(damaged.text, /out of date or damaged/);
  });

  it('answers the 404 page to a user who may not view the page, and for an unknown page', async () => {
    await aUser(server, 'outsider');
    const hidden = String((await aPage(server, 'ATT', 'Hidden')).id);
    await anUpload(server, hidden, [{ name: 'secret.txt', content: 'secret' }]);
    const restricted = await server.request(
      'PUT',
      `/rest/api/content/${hidden}/restriction/byOperation/read/user?username=admin`,
    );
    assert.equal(restricted.status, 200, restricted.text);
    const outsider = await signInByForm(server, 'outsider', 'outsider-pw');
    const asOutsider = { auth: null, headers: { cookie: outsider.cookie } };
    assert.equal((await screen('', outsider)).status, 200, 'the open page shows');
    const refused = await server.request(
      'GET',
      `/pages/viewpageattachments.action?pageId=${hidden}`,
      asOutsider,
    );
    assert.equal(refused.status, 404);
    assert.doesNotMatch(refused.text, /secret\.txt/);
    const secretId = Number(hidden) + 1;
    const zip = await server.request(
      'GET',
      `/pages/downloadattachments.action?pageId=${hidden}&id=${secretId}`,
      {
        auth: null,
        headers: { cookie: outsider.cookie },
      },
    );
    assert.equal(zip.status, 404);
    const unknown = await server.request('GET', '/pages/viewpageattachments.action?pageId=999999', {
      auth: null,
      headers: { cookie: session.cookie },
    });
    assert.equal(unknown.status, 404);
  });

  it('zips exactly the selected attachments, with their bytes', async () => {
    const selected = ['delta.txt', 'charlie.pdf'];
    const query = selected.map((name) => `&id=${ids.get(name)}`).join('');
    const response = await fetch(
      `${server.reachableUrl}/pages/downloadattachments.action?pageId=${pageId}${query}`,
      {
        headers: { cookie: session.cookie },
      },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/zip');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
    const bytes = Buffer.from(await response.arrayBuffer());
    // The end-of-directory record (no comment) counts the entries.
    assert.equal(bytes.readUInt16LE(bytes.length - 22 + 10), 2);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'zip-')), 'selected.zip');
    await writeFile(file, bytes);
    const zip = await openZip(file);
    try {
      assert.equal(await text(await zip.read('delta.txt')), 'dddd');
      assert.equal(await text(await zip.read('charlie.pdf')), 'ccccccccc');
      assert.equal(zip.has('bravo.txt'), false);
    } finally {
      await zip.close();
    }
  });

  it('shows images, PDFs and text inline only in preview mode, and never HTML or SVG', async () => {
    const download = (name: string, preview: boolean) =>
      server.request(
        'GET',
        `/download/attachments/${pageId}/${encodeURIComponent(name)}${preview ? '?preview=true' : ''}`,
      );
    for (const name of ['Alpha.png', 'charlie.pdf', 'bravo.txt']) {
      const shown = await download(name, true);
      assert.equal(shown.status, 200);
      assert.match(shown.headers.get('content-disposition') ?? '', /^inline;/, name);
      assert.equal(shown.headers.get('x-content-type-options'), 'nosniff');
      assert.doesNotMatch(shown.headers.get('content-security-policy') ?? '', /script-src|'unsafe-eval'/);
      assert.match(shown.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match((await download(name, false)).headers.get('content-disposition') ?? '', /^attachment;/);
    }
    for (const name of ['echo.html', 'foxtrot.svg']) {
      const refused = await download(name, true);
      assert.match(refused.headers.get('content-disposition') ?? '', /^attachment;/, name);
      assert.match(refused.headers.get('content-security-policy') ?? '', /^sandbox/, name);
    }
  });

  it('opens the preview named by the preview parameter (the link `_links.webui` gives)', async () => {
    const id = ids.get('Alpha.png');
    const response = await screen(`&preview=${encodeURIComponent(`/${pageId}/${id}/Alpha.png`)}`);
    assert.match(
      response.text,
      /<img class="preview-image" src="[^"]*Alpha\.png\?version=1&amp;preview=true"/,
    );
    const html = await screen(
      `&preview=${encodeURIComponent(`/${pageId}/${ids.get('echo.html')}/echo.html`)}`,
    );
    assert.match(html.text, /cannot be shown here/);
  });

  it('moves attachments to the trash (the bulk action uses the public API) and lists them no more', async () => {
    for (const name of ['echo.html', 'foxtrot.svg']) {
      const trashed = await server.request(
        'DELETE',
        `/rest/api/content/${pageId}/child/attachment/${ids.get(name)}`,
        {
          auth: null,
          headers: { cookie: session.cookie, 'x-tributary-csrf': session.csrf },
        },
      );
      assert.equal(trashed.status, 204, trashed.text);
    }
    assert.deepEqual(rowTitles((await screen('')).text), [
      'Alpha.png',
      'bravo.txt',
      'charlie.pdf',
      'delta.txt',
    ]);
    assert.match((await screen('')).text, /4 attachments/);
  });
});

describe('the attachments screen with more rows than one screen holds', () => {
  let server: TestServer;
  let session: WebSessionOf;
  let pageId: string;
  before(async () => {
    server = await startTestServer();
    await aSpace(server, 'BIG');
    pageId = String((await aPage(server, 'BIG', 'Many')).id);
    const template = await anUpload(server, pageId, [{ name: 'file-0000.txt', content: 'x' }]);
    const { seedAttachments } = await import('../support/seed-attachments.ts');
    await seedAttachments(server.server.site.services.store, {
      pageId: Number(pageId),
      templateId: Number((template.body as Uploaded).results[0]?.id),
      count: 249,
      title: (n) => `file-${String(n + 1).padStart(4, '0')}.txt`,
    });
    session = await signInByForm(server);
  });
  after(async () => server.dispose());

  for (const query of [
    '',
    '&order=desc',
    '&sort=modified&order=desc',
    '&sort=size',
    '&sort=author&order=desc',
  ]) {
    it(`pages forward through all 250 rows and back, none missing or repeated (${query || 'by name'})`, async () => {
      const get = (path: string) =>
        server.request('GET', path, { auth: null, headers: { cookie: session.cookie } });
      const base = `/pages/viewpageattachments.action?pageId=${pageId}${query}`;
      let response = await get(base);
      assert.match(response.text, /250 attachments/);
      const pages: string[][] = [rowTitles(response.text)];
      for (let link = nextLink(response.text); link; link = nextLink(response.text)) {
        response = await get(link.replace(/^.*\/pages\//, '/pages/'));
        pages.push(rowTitles(response.text));
      }
      assert.deepEqual(
        pages.map((rows) => rows.length),
        [pageSize, pageSize, pageSize, pageSize, pageSize],
      );
      const all = pages.flat();
      assert.equal(new Set(all).size, 250);
      const back = prevLink(response.text);
      assert.ok(back);
      const previous = await get(back.replace(/^.*\/pages\//, '/pages/'));
      assert.deepEqual(rowTitles(previous.text), pages.at(-2));
    });
  }
});
