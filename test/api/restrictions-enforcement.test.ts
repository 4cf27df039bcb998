import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Auth = [string, string] | undefined;
type Listing = { results: Json[]; size?: number; totalSize?: number };

const reader: [string, string] = ['reader', 'reader-pw'];
const teamie: [string, string] = ['teamie', 'teamie-pw'];
const outsider: [string, string] = ['outsider', 'outsider-pw'];
const editor: [string, string] = ['editor', 'editor-pw'];

/**
 * Restrictions set over the restriction API, enforced on every other path. In space ENF (every user may
 * view and add), `Secret` sits under the open page `Open` and is read-restricted to the user `reader` and
 * the group `team` (whose member is `teamie`); `Child` and `Grandchild` sit below it. `outsider` is a
 * space member named nowhere. `Guarded` is update-restricted to `editor`.
 */
describe('content restrictions, enforced end to end', () => {
  let site: TestServer;
  const ids: Record<string, string> = {};
  const seenBy: [string, Auth][] = [
    ['reader (named)', reader],
    ['teamie (through the group)', teamie],
    ['the administrator', undefined],
  ];
  const hidden = ['Secret zebracorn', 'Child zebracorn', 'Grandchild zebracorn'];

  const ok = (response: { status: number; text: string }, status = 200) =>
    assert.equal(response.status, status, response.text);
  const get = (path: string, auth: Auth) => site.request('GET', path, { auth: auth ?? undefined });
  const titlesOf = (listing: Listing) =>
    listing.results.map((item) => String(item.title ?? (item.content as Json | undefined)?.title)).sort();

  before(async () => {
    site = await startTestServer();
    for (const name of ['reader', 'teamie', 'outsider', 'editor']) await aUser(site, name);
    ok(await site.request('POST', '/rest/api/admin/group', { json: { name: 'team' } }));
    ok(await site.request('PUT', '/rest/api/user/teamie/group/team'), 204);
    await aSpace(site, 'ENF', 'Enforcement');
    ids.space = String(
      ((await site.request('GET', '/wiki/api/v2/spaces?keys=ENF')).body as Listing).results[0]?.id,
    );

    const page = async (title: string, parent?: string) =>
      String(
        (await aPage(site, 'ENF', title, { body: `<p>${title}</p>`, ...(parent && { parentId: parent }) }))
          .id,
      );
    ids.open = await page('Open zebracorn');
    ids.secret = await page('Secret zebracorn', ids.open);
    ids.child = await page('Child zebracorn', ids.secret);
    ids.grandchild = await page('Grandchild zebracorn', ids.child);
    ids.guarded = await page('Guarded zebracorn');
    const attach = async (pageId: string, name: string) => {
      const uploaded = await anUpload(site, pageId, [{ name, content: `bytes of ${name}` }]);
      ok(uploaded);
      return String((uploaded.body as Listing).results[0]?.id);
    };
    ids.openFile = await attach(ids.open, 'open-zebracorn.txt');
    ids.secretFile = await attach(ids.secret, 'secret-zebracorn.txt');
    ids.deepFile = await attach(ids.grandchild, 'deep-zebracorn.txt');
    ok(
      await site.request('POST', `/rest/api/content/${ids.child}/label`, {
        json: [{ prefix: 'global', name: 'zebracorn-codename' }],
      }),
    );
    const comment = await site.request('POST', '/wiki/api/v2/footer-comments', {
      json: { pageId: ids.secret, body: { representation: 'storage', value: '<p>zebracorn remark</p>' } },
    });
    ok(comment, 201);
    ids.comment = String((comment.body as Json).id);

    ok(
      await site.request('PUT', `/rest/api/content/${ids.secret}/restriction`, {
        json: [
          {
            operation: 'read',
            restrictions: {
              user: [{ type: 'known', username: 'reader' }],
              group: [{ type: 'group', name: 'team' }],
            },
          },
        ],
      }),
    );
    ok(
      await site.request(
        'PUT',
        `/rest/api/content/${ids.guarded}/restriction/byOperation/update/user?username=editor`,
      ),
    );
  });
  after(() => site.dispose());

  it('answers 404 for the restricted page, its descendants, its comment and its restrictions to a user left out', async () => {
    for (const id of [ids.secret, ids.child, ids.grandchild]) {
      assert.equal((await get(`/rest/api/content/${id}`, outsider)).status, 404, `v1 ${id}`);
      assert.equal((await get(`/wiki/api/v2/pages/${id}`, outsider)).status, 404, `v2 ${id}`);
      assert.equal((await get(`/rest/api/content/${id}/restriction`, outsider)).status, 404);
    }
    for (const path of [
      `/rest/api/content/${ids.secret}/child/page`,
      `/rest/api/content/${ids.child}/descendant/page`,
      `/wiki/api/v2/pages/${ids.secret}/children`,
      `/wiki/api/v2/pages/${ids.grandchild}/ancestors`,
      `/rest/api/content/${ids.comment}`,
      `/wiki/api/v2/footer-comments/${ids.comment}`,
      `/wiki/api/v2/pages/${ids.secret}/footer-comments`,
      `/rest/api/content/${ids.secret}/label`,
    ]) {
      assert.equal((await get(path, outsider)).status, 404, path);
    }
    for (const [who, auth] of seenBy) {
      for (const id of [ids.secret, ids.child, ids.grandchild, ids.comment]) {
        assert.equal((await get(`/rest/api/content/${id}`, auth)).status, 200, `${who} reads ${id}`);
      }
      assert.equal((await get(`/wiki/api/v2/footer-comments/${ids.comment}`, auth)).status, 200, who);
    }
  });

  it('leaves the restricted subtree out of children and descendant listings, and out of their sizes', async () => {
    const children = (await get(`/rest/api/content/${ids.open}/child/page`, outsider)).body as Listing;
    assert.deepEqual(titlesOf(children), []);
    assert.equal(children.size, 0);
    const descendants = (await get(`/rest/api/content/${ids.open}/descendant/page`, outsider))
      .body as Listing;
    assert.deepEqual(titlesOf(descendants), []);
    assert.equal(descendants.size, 0);
    const v2Children = (await get(`/wiki/api/v2/pages/${ids.open}/children`, outsider)).body as Listing;
    assert.deepEqual(v2Children.results, []);

    for (const [who, auth] of seenBy) {
      const all = (await get(`/rest/api/content/${ids.open}/descendant/page`, auth)).body as Listing;
      assert.deepEqual(titlesOf(all), [...hidden].sort(), who);
      assert.equal(all.size, 3, who);
      const v2 = (await get(`/wiki/api/v2/pages/${ids.open}/children`, auth)).body as Listing;
      assert.deepEqual(titlesOf(v2), ['Secret zebracorn'], who);
    }
  });

  it('hides the attachments of the restricted page and of pages below it, and refuses their downloads', async () => {
    const paths = [
      `/rest/api/content/${ids.secretFile}`,
      `/rest/api/content/${ids.deepFile}`,
      `/wiki/api/v2/attachments/att${ids.deepFile}`,
      `/rest/api/content/${ids.secret}/child/attachment`,
      `/wiki/api/v2/pages/${ids.grandchild}/attachments`,
      `/download/attachments/${ids.secret}/secret-zebracorn.txt`,
      `/download/attachments/${ids.grandchild}/deep-zebracorn.txt`,
      `/wiki/download/attachments/${ids.grandchild}/deep-zebracorn.txt`,
      `/rest/api/content/${ids.deepFile}/download`,
      `/rest/api/content/${ids.secret}/child/attachment/${ids.secretFile}/download`,
      `/rest/extender/1.0/content/attachment/${ids.deepFile}/versions`,
    ];
    for (const path of paths) {
      const response = await get(path, outsider);
      assert.equal(response.status, 404, `${path}: ${response.text}`);
      assert.ok(!response.text.includes('bytes of'), path);
    }
    for (const [who, auth] of seenBy) {
      for (const path of paths) assert.equal((await get(path, auth)).status, 200, `${who}: ${path}`);
      const bytes = await get(`/rest/api/content/${ids.deepFile}/download`, auth);
      assert.equal(bytes.text, 'bytes of deep-zebracorn.txt');
    }
    const openFile = await get(`/download/attachments/${ids.open}/open-zebracorn.txt`, outsider);
    assert.equal(openFile.text, 'bytes of open-zebracorn.txt', 'the open page keeps its attachment');
  });

  it('neither lists nor counts restricted content in v1 and v2 content lists', async () => {
    const lists = async (auth: Auth) => {
      const v1 = (await get('/rest/api/content?spaceKey=ENF&type=page&limit=100', auth)).body as Listing;
      const space = (await get('/rest/api/space/ENF/content/page?limit=100', auth)).body as Listing;
      const v2 = (await get(`/wiki/api/v2/pages?space-id=${ids.space}&limit=100`, auth)).body as Listing;
      const v2Space = (await get(`/wiki/api/v2/spaces/${ids.space}/pages?limit=100`, auth)).body as Listing;
      const files = (await get('/wiki/api/v2/attachments?limit=100', auth)).body as Listing;
      assert.equal(v1.size, v1.results.length);
      assert.equal(space.size, space.results.length);
      return {
        v1: titlesOf(v1),
        space: titlesOf(space),
        v2: titlesOf(v2),
        v2Space: titlesOf(v2Space),
        files: titlesOf(files),
      };
    };
    const everything = await lists(undefined);
    assert.ok(hidden.every((title) => everything.v1.includes(title)));
    const forOutsider = await lists(outsider);
    const withoutHidden = (titles: string[]) =>
      titles.filter(
        (title) => !hidden.includes(title) && !title.startsWith('secret') && !title.startsWith('deep'),
      );
    assert.deepEqual(forOutsider, {
      v1: withoutHidden(everything.v1),
      space: withoutHidden(everything.space),
      v2: withoutHidden(everything.v2),
      v2Space: withoutHidden(everything.v2Space),
      files: withoutHidden(everything.files),
    });
    assert.deepEqual(forOutsider.files, ['open-zebracorn.txt']);
    for (const [who, auth] of seenBy) assert.deepEqual(await lists(auth), everything, who);
  });

  it('neither finds nor counts restricted content in CQL search', async () => {
    const search = async (path: string, cql: string, auth: Auth) => {
      const response = await get(`${path}?cql=${encodeURIComponent(cql)}&limit=100`, auth);
      ok(response);
      return response.body as Listing;
    };
    const visibleToAll = ['Guarded zebracorn', 'Open zebracorn', 'open-zebracorn.txt'];
    for (const cql of ['text ~ "zebracorn"', 'space = ENF and type in (page, attachment, comment)']) {
      for (const path of ['/rest/api/search', '/rest/api/content/search', '/wiki/rest/api/search']) {
        const forOutsider = await search(path, cql, outsider);
        assert.deepEqual(
          titlesOf(forOutsider).filter((title) => !title.includes('Home')),
          visibleToAll,
          `${path} ${cql}`,
        );
        assert.equal(forOutsider.totalSize ?? forOutsider.size, forOutsider.results.length, `${path} ${cql}`);
        for (const [who, auth] of seenBy) {
          const all = await search(path, cql, auth);
          const titles = titlesOf(all);
          for (const title of [...hidden, 'secret-zebracorn.txt', 'deep-zebracorn.txt']) {
            assert.ok(titles.includes(title), `${who} finds ${title} with ${path} ${cql}`);
          }
          assert.equal(all.totalSize ?? all.size, all.results.length, `${who} ${path} ${cql}`);
        }
      }
    }
  });

  it('keeps the labels of restricted content out of the site-wide label list', async () => {
    const labelsFor = async (auth: Auth) => {
      const response = await get('/wiki/api/v2/labels?limit=250', auth);
      ok(response);
      return (response.body as Listing).results.map((label) => label.name);
    };
    assert.ok(!(await labelsFor(outsider)).includes('zebracorn-codename'));
    for (const [who, auth] of seenBy) assert.ok((await labelsFor(auth)).includes('zebracorn-codename'), who);
    assert.equal((await get(`/rest/api/content/${ids.child}/label`, outsider)).status, 404);
  });

  it('lets only the named users edit an update-restricted page, while everyone may still read it', async () => {
    const current = async () => (await get(`/rest/api/content/${ids.guarded}`, undefined)).body as Json;
    const edit = async (auth: Auth) => {
      const page = await current();
      const version = (page.version as { number: number }).number;
      return site.request('PUT', `/rest/api/content/${ids.guarded}`, {
        auth: auth ?? undefined,
        json: {
          type: 'page',
          title: page.title,
          version: { number: version + 1 },
          body: { storage: { value: '<p>edited</p>', representation: 'storage' } },
        },
      });
    };
    assert.equal((await get(`/rest/api/content/${ids.guarded}`, outsider)).status, 200);
    assert.equal((await get(`/wiki/api/v2/pages/${ids.guarded}`, outsider)).status, 200);
    assert.equal((await edit(outsider)).status, 403);
    const v2 = await site.request('PUT', `/wiki/api/v2/pages/${ids.guarded}`, {
      auth: outsider,
      json: {
        id: ids.guarded,
        status: 'current',
        title: 'Guarded zebracorn',
        body: { representation: 'storage', value: '<p>by outsider</p>' },
        version: { number: 99 },
      },
    });
    assert.equal(v2.status, 403, v2.text);
    const upload = await site.request('POST', `/rest/api/content/${ids.guarded}/child/attachment`, {
      auth: outsider,
      body: multipartForm([{ name: 'sneaky.txt', content: 'x' }]),
      headers: noCheck,
    });
    assert.equal(upload.status, 403, upload.text);
    const label = await site.request('POST', `/rest/api/content/${ids.guarded}/label`, {
      auth: outsider,
      json: [{ prefix: 'global', name: 'sneaky' }],
    });
    assert.equal(label.status, 403, label.text);

    const byEditor = await edit(editor);
    assert.equal(byEditor.status, 200, byEditor.text);
    assert.equal((await edit(undefined)).status, 200, 'administrators pass every restriction');
    assert.equal(((await current()).version as { number: number }).number, 3);
  });
});
