import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { signInByForm, type WebSessionOf } from '../support/web-session.ts';

type Json = Record<string, unknown>;

const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

/** A signed-in form post whose fields may repeat (a multi-select's checkboxes). */
function formOf(session: WebSessionOf, fields: [string, string][], csrf: string | null = session.csrf) {
  const body = new URLSearchParams(csrf === null ? fields : [['csrf', csrf], ...fields]);
  return {
    auth: null,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
}

const asBrowser = (session: WebSessionOf) => ({ auth: null, headers: { cookie: session.cookie } });

/** The ids of the items a trash screen lists (its checkboxes). */
const listedIds = (markup: string) =>
  [...markup.matchAll(/name="id" value="(\d+)"/g)].map((match) => match[1]);

/** The exact byte count a storage figure shows (`data-bytes` of the element with that id). */
function figure(markup: string, id: string): number {
  const match = new RegExp(`id="${id}"[\\s\\S]*?data-bytes="(\\d+)"`).exec(markup);
  assert.ok(match, `the figure ${id} is shown`);
  return Number(match[1]);
}

describe("a space's trash and storage in the web interface", () => {
  let server: TestServer;
  let admin: WebSessionOf;
  let carol: WebSessionOf;

  const upload = async (pageId: string, name: string, content: string, method: 'POST' | 'PUT' = 'POST') => {
    const response = await anUpload(server, pageId, [{ name, content, type: 'text/plain' }], { method });
    assert.equal(response.status, 200, response.text);
    return String((response.body as { results: Json[] }).results[0]?.id);
  };
  const trashContent = async (id: string) => {
    const response = await server.request('DELETE', `/rest/api/content/${id}`);
    assert.equal(response.status, 204, response.text);
  };
  const statusOf = async (id: string) => {
    const response = await server.request('GET', `/rest/api/content/${id}?status=any`);
    return response.status === 404 ? 'gone' : String((response.body as Json).status);
  };

  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    admin = await signInByForm(server);
    carol = await signInByForm(server, 'carol', 'carol-pw');
  });
  after(() => server.dispose());

  describe('the trash', () => {
    let home: string;
    let binnedPage: string;
    let binnedFile: string;
    let secret: string;
    before(async () => {
      await aSpace(server, 'BIN');
      await aSpace(server, 'OTHER');
      home = String((await aPage(server, 'BIN', 'Home')).id);
      binnedPage = String((await aPage(server, 'BIN', 'Old plans')).id);
      binnedFile = await upload(home, 'old.txt', 'the old file');
      secret = String((await aPage(server, 'BIN', 'Secret')).id);
      const restricted = await server.request('PUT', `/rest/api/content/${secret}/restriction`, {
        json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
      });
      assert.ok(restricted.status < 300, restricted.text);
      const elsewhere = String((await aPage(server, 'OTHER', 'Elsewhere')).id);
      for (const id of [binnedPage, binnedFile, secret, elsewhere]) await trashContent(id);
    });

    it('lists what was trashed in the space, with where it was, who trashed it and the size', async () => {
      const response = await server.request('GET', '/pages/viewtrash.action?key=BIN', asBrowser(admin));
      assert.equal(response.status, 200, response.text);
      assert.match(response.text, /<title>Trash - BIN space - Tributary<\/title>/);
      assert.deepEqual(listedIds(response.text).sort(), [binnedPage, binnedFile, secret].sort());
      assert.match(
        response.text,
        /old\.txt[\s\S]*Attachment[\s\S]*href="\/pages\/viewpageattachments\.action\?pageId=\d+">Home</,
      );
      assert.match(response.text, /data-bytes="12"/, 'the file is 12 bytes');
      assert.match(response.text, /<time datetime="[^"]+">[^<]+ UTC<\/time><\/td>\s*<td>Administrator<\/td>/);
      assert.doesNotMatch(response.text, /Elsewhere/, "another space's trash stays out");
    });

    it('shows a member neither what they may not see nor the purge buttons, and refuses their purge', async () => {
      const response = await server.request('GET', '/pages/viewtrash.action?key=BIN', asBrowser(carol));
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(listedIds(response.text).sort(), [binnedPage, binnedFile].sort());
      assert.doesNotMatch(response.text, /Secret/);
      assert.doesNotMatch(response.text, /Purge selected/);
      assert.match(response.text, /Only administrators of this space can purge/);
      for (const confirmed of [[], [['confirmed', 'yes']]] as [string, string][][]) {
        const refused = await server.request(
          'POST',
          '/pages/purgetrashitem.action?key=BIN',
          formOf(carol, [['id', binnedFile], ...confirmed]),
        );
        assert.equal(refused.status, 403);
        assert.match(refused.text, /Only administrators of the space BIN may purge its trash/);
      }
      assert.equal(await statusOf(binnedFile), 'trashed', 'nothing changed');
    });

    it('answers "not found" for a space the visitor may not see', async () => {
      const created = await server.request('POST', '/rest/api/space/_private', {
        json: { key: 'HIDDEN', name: 'Hidden' },
      });
      assert.equal(created.status, 200, created.text);
      for (const path of ['/pages/viewtrash.action?key=HIDDEN', '/spaces/storage.action?key=HIDDEN']) {
        const response = await server.request('GET', path, asBrowser(carol));
        assert.equal(response.status, 404, path);
        assert.match(response.text, /Page not found/);
      }
    });

    it('needs a signed-in session and its CSRF token to change anything', async () => {
      const withoutToken = await server.request(
        'POST',
        '/pages/restoretrashitem.action?key=BIN',
        formOf(admin, [['id', binnedPage]], null),
      );
      assert.equal(withoutToken.status, 403);
      const wrongToken = await server.request(
        'POST',
        '/pages/restoretrashitem.action?key=BIN',
        formOf(admin, [['id', binnedPage]], 'forged'),
      );
      assert.equal(wrongToken.status, 403);
      const byBasic = await server.request('POST', '/pages/restoretrashitem.action?key=BIN', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id: binnedPage }).toString(),
      });
      assert.equal(byBasic.status, 403);
      assert.equal(await statusOf(binnedPage), 'trashed');
    });

    it('restores one item, then purges another after a confirmation that lists it, freeing its bytes', async () => {
      const restored = await server.request(
        'POST',
        '/pages/restoretrashitem.action?key=BIN',
        formOf(admin, [['one', binnedPage]]),
      );
      assert.equal(restored.status, 200, restored.text);
      assert.match(restored.text, /Restored 1 item: Old plans/);
      assert.equal(await statusOf(binnedPage), 'current');

      const confirm = await server.request(
        'POST',
        '/pages/purgetrashitem.action?key=BIN',
        formOf(admin, [['one', binnedFile]]),
      );
      assert.equal(confirm.status, 200, confirm.text);
      assert.match(confirm.text, /Purge 1 item\?/);
      assert.match(confirm.text, /<li>old\.txt/);
      assert.equal(await statusOf(binnedFile), 'trashed', 'nothing goes before the confirmation');
      assert.ok(await server.server.site.services.blobs.sizeOf(sha256Of('the old file')));

      const purged = await server.request(
        'POST',
        '/pages/purgetrashitem.action?key=BIN',
        formOf(admin, [
          ['id', binnedFile],
          ['confirmed', 'yes'],
        ]),
      );
      assert.equal(purged.status, 200, purged.text);
      assert.match(purged.text, /Purged 1 item: old\.txt/);
      assert.equal(await statusOf(binnedFile), 'gone');
      assert.equal(await server.server.site.services.blobs.sizeOf(sha256Of('the old file')), undefined);
    });

    it('restores and purges in bulk, keeping bytes another attachment still uses', async () => {
      const pages = [];
      for (const title of ['Bulk one', 'Bulk two', 'Bulk three'])
        pages.push(String((await aPage(server, 'BIN', title)).id));
      const shared = await upload(home, 'shared-a.txt', 'same bytes');
      await upload(home, 'shared-b.txt', 'same bytes');
      for (const id of [...pages, shared]) await trashContent(id);

      const restored = await server.request(
        'POST',
        '/pages/restoretrashitem.action?key=BIN',
        formOf(admin, [
          ['id', pages[0] ?? ''],
          ['id', pages[1] ?? ''],
        ]),
      );
      assert.match(restored.text, /Restored 2 items/);
      assert.deepEqual(
        [await statusOf(pages[0] ?? ''), await statusOf(pages[1] ?? '')],
        ['current', 'current'],
      );

      const purged = await server.request(
        'POST',
        '/pages/purgetrashitem.action?key=BIN',
        formOf(admin, [
          ['id', pages[2] ?? ''],
          ['id', shared],
          ['confirmed', 'yes'],
        ]),
      );
      assert.match(purged.text, /Purged 2 items/);
      assert.deepEqual([await statusOf(pages[2] ?? ''), await statusOf(shared)], ['gone', 'gone']);
      assert.ok(await server.server.site.services.blobs.sizeOf(sha256Of('same bytes')), 'still used');
    });

    it('reports an item that is not in the trash and changes nothing about it', async () => {
      const response = await server.request(
        'POST',
        '/pages/purgetrashitem.action?key=BIN',
        formOf(admin, [
          ['id', home],
          ['confirmed', 'yes'],
        ]),
      );
      assert.equal(response.status, 200);
      assert.match(response.text, /1 item could not be purged/);
      assert.equal(await statusOf(home), 'current');
    });

    it('empties the trash after confirming, and says so', async () => {
      const confirm = await server.request('POST', '/pages/emptytrash.action?key=BIN', formOf(admin, []));
      assert.match(confirm.text, /Empty the trash of BIN space\?/);
      const emptied = await server.request(
        'POST',
        '/pages/emptytrash.action?key=BIN',
        formOf(admin, [['confirmed', 'yes']]),
      );
      assert.match(emptied.text, /Emptied the trash/);
      assert.match(emptied.text, /The trash is empty/);
      assert.equal(await statusOf(secret), 'gone');
    });
  });

  describe('storage', () => {
    let page: string;
    before(async () => {
      await aSpace(server, 'STORE');
      page = String((await aPage(server, 'STORE', 'Files')).id);
      // plan.txt: versions of 5, 10 and 15 bytes; notes.txt: one of 7; photo.png (image/png): 20.
      await upload(page, 'plan.txt', 'x'.repeat(5));
      await upload(page, 'plan.txt', 'y'.repeat(10), 'PUT');
      await upload(page, 'plan.txt', 'z'.repeat(15), 'PUT');
      await upload(page, 'notes.txt', 'n'.repeat(7));
      const png = await anUpload(server, page, [
        { name: 'photo.png', content: 'p'.repeat(20), type: 'image/png' },
      ]);
      assert.equal(png.status, 200, png.text);
    });

    it('shows totals that match the uploaded bytes exactly, by type, and the largest files', async () => {
      const response = await server.request('GET', '/spaces/storage.action?key=STORE', asBrowser(admin));
      assert.equal(response.status, 200, response.text);
      assert.match(response.text, /<title>Storage - STORE space - Tributary<\/title>/);
      assert.equal(figure(response.text, 'total-bytes'), 5 + 10 + 15 + 7 + 20);
      assert.equal(figure(response.text, 'current-bytes'), 15 + 7 + 20);
      assert.equal(figure(response.text, 'historical-bytes'), 5 + 10);
      assert.match(response.text, /<meter class="share"/);
      const largest = response.text.slice(response.text.indexOf('id="largest"'));
      assert.ok(largest.indexOf('photo.png') < largest.indexOf('plan.txt'), 'largest first');
      assert.match(
        largest,
        new RegExp(`href="/pages/viewpageattachments.action\\?pageId=${page}">photo.png`),
      );
    });

    it('previews a prune, deletes exactly what it showed, and the old-version bytes drop', async () => {
      const preview = await server.request(
        'GET',
        '/spaces/pruneversions.action?key=STORE&keep=1&olderThan=',
        asBrowser(admin),
      );
      assert.equal(preview.status, 200, preview.text);
      const shown = [...preview.text.matchAll(/data-attachment="(\d+)" data-version="(\d+)"/g)].map(
        (match) => `${match[1]}/${match[2]}`,
      );
      assert.equal(shown.length, 2);
      assert.match(preview.text, /deletes 2 old versions of 1 file/);
      const form = /name="expectedVersions" value="(\d+)"[\s\S]*name="expectedBytes" value="(\d+)"/.exec(
        preview.text,
      );
      assert.deepEqual([form?.[1], form?.[2]], ['2', '15']);

      const pruned = await server.request(
        'POST',
        '/spaces/pruneversions.action?key=STORE',
        formOf(admin, [
          ['keep', '1'],
          ['olderThan', ''],
          ['expectedVersions', '2'],
          ['expectedBytes', '15'],
        ]),
      );
      assert.equal(pruned.status, 200, pruned.text);
      assert.match(pruned.text, /Deleted 2 old versions/);
      for (const version of shown) {
        const [id, number] = version.split('/');
        const response = await server.request('GET', `/rest/api/content/${id}/version/${number}`);
        assert.equal(response.status, 404, `version ${version} is gone`);
      }
      const storage = await server.request('GET', '/spaces/storage.action?key=STORE', asBrowser(admin));
      assert.equal(figure(storage.text, 'historical-bytes'), 0);
      assert.equal(figure(storage.text, 'total-bytes'), 15 + 7 + 20);
    });

    it('deletes nothing when the versions changed since the preview, and shows the new preview', async () => {
      await upload(page, 'notes.txt', 'm'.repeat(9), 'PUT');
      const response = await server.request(
        'POST',
        '/spaces/pruneversions.action?key=STORE',
        formOf(admin, [
          ['keep', '1'],
          ['expectedVersions', '0'],
          ['expectedBytes', '0'],
        ]),
      );
      assert.equal(response.status, 409);
      assert.match(response.text, /changed since the preview/);
      assert.match(response.text, /deletes 1 old version of 1 file/);
    });

    it('refuses a bad rule with a clear message, and a prune to someone who does not administer the space', async () => {
      const noRule = await server.request('GET', '/spaces/pruneversions.action?key=STORE', asBrowser(admin));
      assert.equal(noRule.status, 400);
      assert.match(noRule.text, /Say which versions go/);
      const badDate = await server.request(
        'GET',
        '/spaces/pruneversions.action?key=STORE&olderThan=yesterday',
        asBrowser(admin),
      );
      assert.equal(badDate.status, 400);
      assert.match(badDate.text, /YYYY-MM-DD/);
      const storage = await server.request('GET', '/spaces/storage.action?key=STORE', asBrowser(carol));
      assert.equal(storage.status, 200);
      assert.match(storage.text, /Only administrators of this space can delete old versions/);
      const refused = await server.request(
        'POST',
        '/spaces/pruneversions.action?key=STORE',
        formOf(carol, [
          ['keep', '1'],
          ['expectedVersions', '1'],
          ['expectedBytes', '7'],
        ]),
      );
      assert.equal(refused.status, 403);
    });
  });
});
