import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { seedAttachments } from '../support/seed-attachments.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { formPost, signInByForm, type WebSessionOf } from '../support/web-session.ts';

/*
 * The KB article's job on the attachments screen: find a page's attachments modified before a date, and
 * move all of them to the trash at once, after a preview that changes nothing.
 */

interface Uploaded {
  results: { id: string }[];
}

const day = 86_400_000;
const cut = '2024-01-01';
const cutMs = Date.parse(`${cut}T00:00:00Z`);
/** Six seeded before the cut (the last a millisecond before it), four from it on. */
const madeAt = (n: number) => (n === 5 ? cutMs - 1 : cutMs + (n - 5) * day);
const older = ['old-0.txt', 'old-1.txt', 'old-2.txt', 'old-3.txt', 'old-4.txt', 'old-5.txt'];
const newer = ['new-6.txt', 'new-7.txt', 'new-8.txt', 'new-9.txt', 'template.txt'];

const rowTitles = (markup: string) =>
  [...markup.matchAll(/<tr data-attachment-id="\d+" data-title="([^"]+)"/g)].map((m) => m[1] ?? '');
const sorted = (titles: string[]) => [...titles].sort();

describe('finding and trashing the old attachments of a page', () => {
  let server: TestServer;
  let session: WebSessionOf;
  let pages = 0;

  /** A page with the ten seeded attachments and one uploaded now. */
  async function aPageWithOldFiles(): Promise<string> {
    pages += 1;
    const pageId = String((await aPage(server, 'OLD', `Archive ${pages}`)).id);
    const template = await anUpload(server, pageId, [{ name: 'template.txt', content: 'ten bytes!' }]);
    assert.equal(template.status, 200, template.text);
    await seedAttachments(server.server.site.services.store, {
      pageId: Number(pageId),
      templateId: Number((template.body as Uploaded).results[0]?.id),
      count: 10,
      title: (n) => `${n < 6 ? 'old' : 'new'}-${n}.txt`,
      createdAtMs: madeAt,
    });
    return pageId;
  }

  const get = (path: string, who: WebSessionOf = session) =>
    server.request('GET', path, { auth: null, headers: { cookie: who.cookie } });
  const listed = async (pageId: string, query = '') =>
    rowTitles((await get(`/pages/viewpageattachments.action?pageId=${pageId}${query}`)).text);
  const confirm = (pageId: string, fields: Record<string, string>, who: WebSessionOf = session) =>
    server.request(
      'POST',
      '/pages/trashmatchingattachments.action',
      formPost(who, { pageId, before: cut, ...fields }),
    );

  before(async () => {
    server = await startTestServer();
    await aSpace(server, 'OLD');
    session = await signInByForm(server);
  });
  after(async () => server.dispose());

  it('lists exactly the attachments modified before the date, in every sort and both directions', async () => {
    const pageId = await aPageWithOldFiles();
    for (const sort of ['name', 'size', 'type', 'modified', 'author']) {
      for (const order of ['asc', 'desc']) {
        const response = await get(
          `/pages/viewpageattachments.action?pageId=${pageId}&before=${cut}&sort=${sort}&order=${order}`,
        );
        assert.equal(response.status, 200);
        assert.deepEqual(sorted(rowTitles(response.text)), older, `${sort} ${order}`);
        assert.match(response.text, /6 attachments/);
      }
    }
    const byModified = await listed(pageId, `&before=${cut}&sort=modified&order=desc`);
    assert.deepEqual(byModified, [...older].reverse());
    const screen = await get(`/pages/viewpageattachments.action?pageId=${pageId}&before=${cut}`);
    assert.match(screen.text, /<input id="filter-before" type="date" name="before" value="2024-01-01">/);
    assert.match(screen.text, /Move all 6 matching to trash/);
    const unfiltered = await get(`/pages/viewpageattachments.action?pageId=${pageId}`);
    assert.doesNotMatch(unfiltered.text, /matching to trash/, 'no filter, no "all matching"');
  });

  it('refuses a date that is not one with a clear message', async () => {
    const pageId = await aPageWithOldFiles();
    for (const bad of ['yesterday', '2024-02-30']) {
      const response = await get(`/pages/viewpageattachments.action?pageId=${pageId}&before=${bad}`);
      assert.equal(response.status, 400, bad);
      assert.match(response.text, /YYYY-MM-DD/);
    }
  });

  it('previews how many match and their bytes with a sample, changing nothing', async () => {
    const pageId = await aPageWithOldFiles();
    const preview = await get(`/pages/trashmatchingattachments.action?pageId=${pageId}&before=${cut}`);
    assert.equal(preview.status, 200);
    assert.match(
      preview.text,
      /<title>Move matching attachments to trash - Archive \d+ - Tributary<\/title>/,
    );
    assert.match(preview.text, /<strong>6 attachments<\/strong>\s*\(<span title="60 bytes">/);
    assert.equal([...preview.text.matchAll(/<tr data-attachment-id=/g)].length, 6);
    assert.match(preview.text, /name="expectedCount" value="6"/);
    assert.equal((await listed(pageId)).length, 11);
  });

  it('moves exactly the matching attachments to the space trash, and says so', async () => {
    const pageId = await aPageWithOldFiles();
    const done = await confirm(pageId, { expectedCount: '6' });
    assert.equal(done.status, 303, done.text);
    const location = String(done.headers.get('location'));
    assert.match(location, /viewpageattachments\.action\?pageId=\d+&before=2024-01-01&trashed=6$/);
    const shown = await get(location);
    assert.match(shown.text, /Moved 6 attachments to the trash\./);
    assert.deepEqual(sorted(await listed(pageId)), newer);
    const trash = await get('/pages/viewtrash.action?key=OLD');
    for (const title of older) assert.match(trash.text, new RegExp(title.replace('.', '\\.')));
    for (const title of newer) assert.doesNotMatch(trash.text, new RegExp(`>${title.replace('.', '\\.')}<`));
  });

  it('moves nothing when the set changed since the preview, and shows the new preview (409)', async () => {
    const pageId = await aPageWithOldFiles();
    const changed = await confirm(pageId, { expectedCount: '5' });
    assert.equal(changed.status, 409);
    assert.match(changed.text, /changed since the preview/);
    assert.match(changed.text, /name="expectedCount" value="6"/);
    assert.equal((await listed(pageId)).length, 11);
  });

  it('refuses, and changes nothing, for a user who may view the page but not delete from it', async () => {
    const pageId = await aPageWithOldFiles();
    await aUser(server, 'reader');
    const restricted = await server.request(
      'PUT',
      `/rest/api/content/${pageId}/restriction/byOperation/update/user?username=admin`,
    );
    assert.equal(restricted.status, 200, restricted.text);
    const reader = await signInByForm(server, 'reader', 'reader-pw');
    assert.deepEqual(
      sorted(rowTitles((await get(`/pages/viewpageattachments.action?pageId=${pageId}`, reader)).text)),
      sorted([...older, ...newer]),
    );
    const done = await confirm(pageId, { expectedCount: '6' }, reader);
    assert.equal(done.status, 303, done.text);
    const shown = await get(String(done.headers.get('location')), reader);
    assert.match(shown.text, /Moved 0 attachments to the trash\. 6 attachments could not be moved/);
    assert.equal((await listed(pageId)).length, 11);
  });

  it('refuses a confirm without the CSRF token (403), changing nothing', async () => {
    const pageId = await aPageWithOldFiles();
    const forged = await server.request('POST', '/pages/trashmatchingattachments.action', {
      auth: null,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ pageId, before: cut, expectedCount: '6' }).toString(),
    });
    assert.equal(forged.status, 403);
    assert.equal((await listed(pageId)).length, 11);
  });
});
