import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type ContentPage = { results: Json[]; size: number };

const titles = (page: unknown) => (page as ContentPage).results.map((item) => item.title);

describe("a space's content and trash", () => {
  let site: TestServer;
  let homepageTitle: string;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'TREE', 'Tree');
    homepageTitle = 'Tree Home';
    const root = await aPage(site, 'TREE', 'Root');
    await aPage(site, 'TREE', 'Leaf', { parentId: String(root.id) });
    await aPage(site, 'TREE', 'News', { type: 'blogpost' });
  });
  after(() => site.dispose());

  it('lists pages and blog posts by type, at every depth or only at the root', async () => {
    const all = await site.request('GET', '/rest/api/space/TREE/content');
    assert.equal(all.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/content', 200, all.body);
    assert.deepEqual(titles((all.body as Json).page).sort(), [homepageTitle, 'Leaf', 'Root'].sort());
    assert.deepEqual(titles((all.body as Json).blogpost), ['News']);

    const roots = await site.request('GET', '/rest/api/space/TREE/content/page?depth=root');
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/content/{type}', 200, roots.body);
    assert.ok(!titles(roots.body).includes('Leaf'));
    assert.ok(titles(roots.body).includes('Root'));

    assert.equal((await site.request('GET', '/rest/api/space/TREE/content/comment')).status, 400);
    assert.equal((await site.request('GET', '/rest/api/space/TREE/content?depth=deep')).status, 400);
    assert.equal((await site.request('GET', '/rest/api/space/NOPE/content')).status, 404);
  });

  it('lists the trash, restores from it, and empties it for good', async () => {
    const keep = await aPage(site, 'TREE', 'Keep me');
    const drop = await aPage(site, 'TREE', 'Drop me');
    await site.request('DELETE', `/rest/api/content/${keep.id}`);
    await site.request('DELETE', `/rest/api/content/${drop.id}`);

    const trash = await site.request('GET', '/rest/api/space/TREE/trash');
    assert.equal(trash.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/trash', 200, trash.body);
    assert.deepEqual(titles(trash.body).sort(), ['Drop me', 'Keep me']);
    assert.equal((trash.body as ContentPage).results[0]?.space !== undefined, true);

    const restored = await site.request('PUT', `/rest/api/content/${keep.id}`, {
      json: { type: 'page', title: 'Keep me', status: 'current', version: { number: 2 } },
    });
    assert.equal(restored.status, 200);

    assert.equal((await site.request('DELETE', '/rest/api/space/TREE/trash')).status, 204);
    assert.deepEqual(titles((await site.request('GET', '/rest/api/space/TREE/trash')).body), []);
    assert.equal((await site.request('GET', `/rest/api/content/${drop.id}?status=any`)).status, 404);
    assert.equal((await site.request('GET', `/rest/api/content/${keep.id}`)).status, 200);
  });
});
