import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type V2List, walkV2 } from '../support/v2-walk.ts';

type Json = Record<string, unknown>;
const pageCount = 60;

describe('cursor pagination of pages, blog posts, versions and children on Cloud v2', () => {
  let site: TestServer;
  let spaceId: string;
  let homepageId: string;
  /** The 60 pages in creation (id) order, then the home page is first of all. */
  const titles: string[] = [];
  const ids: string[] = [];

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'MANY');
    const space = (await site.request('GET', '/rest/api/space/MANY?expand=homepage')).body as Json;
    spaceId = String(space.id);
    homepageId = String((space.homepage as Json).id);
    for (let n = 0; n < pageCount; n += 1) {
      // Titles out of id order, so the title sort is seen to differ from the id sort.
      const title = `Page ${String((n * 37) % pageCount).padStart(2, '0')}`;
      const page = await aPage(site, 'MANY', title, { parentId: homepageId });
      titles.push(title);
      ids.push(String(page.id));
    }
  });
  after(() => site.dispose());

  const walk = (path: string, template: string) => walkV2(site, path, template);

  const idsOf = (pages: V2List[]) => pages.flatMap((page) => page.results.map((item) => String(item.id)));

  it('lists every page of a space exactly once in pages of 25, with next links until the end', async () => {
    const pages = await walk(`/spaces/${spaceId}/pages?limit=25`, '/spaces/{id}/pages');
    assert.deepEqual(
      pages.map((page) => page.results.length),
      [25, 25, 11],
    );
    assert.deepEqual(idsOf(pages), [homepageId, ...ids]);
    assert.equal(pages[2]?._links.next, undefined);

    const acrossSpaces = await walk(`/pages?space-id=${spaceId}&limit=25`, '/pages');
    assert.deepEqual(idsOf(acrossSpaces), [homepageId, ...ids]);
    assert.match(acrossSpaces[0]?._links.next ?? '', /space-id=\d+&limit=25&cursor=/);
  });

  it('walks every sort order without losing or repeating a page', async () => {
    const byTitle = idsOf(await walk(`/spaces/${spaceId}/pages?sort=title&limit=7`, '/spaces/{id}/pages'));
    const expectedByTitle = ids
      .map((id, n) => ({ id, title: titles[n] ?? '' }))
      .sort((a, b) => (a.title < b.title ? -1 : 1))
      .map((page) => page.id);
    // The home page is titled after the space ("MANY space"), before every "Page nn".
    assert.deepEqual(byTitle, [homepageId, ...expectedByTitle]);
    const byTitleDescending = idsOf(await walk(`/pages?space-id=${spaceId}&sort=-title&limit=9`, '/pages'));
    assert.deepEqual(byTitleDescending, [...byTitle].reverse());

    for (const sort of ['-id', 'created-date', '-created-date', 'modified-date', '-modified-date']) {
      const walked = idsOf(
        await walk(`/spaces/${spaceId}/pages?sort=${sort}&limit=11`, '/spaces/{id}/pages'),
      );
      assert.equal(walked.length, pageCount + 1, sort);
      assert.equal(new Set(walked).size, pageCount + 1, sort);
    }
    const newestFirst = idsOf(await walk(`/spaces/${spaceId}/pages?sort=-id&limit=50`, '/spaces/{id}/pages'));
    assert.deepEqual(newestFirst, [homepageId, ...ids].reverse());
  });

  it('keeps a modified-date walk whole across a page trashed without a new version', async () => {
    // Trashing moves the modification time but adds no version: the cursor must carry the former.
    const trashed = ids[3] ?? '';
    const edited = ids[4] ?? '';
    assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${trashed}`)).status, 204);
    const edit = await site.request('PUT', `/wiki/api/v2/pages/${edited}`, {
      json: { id: edited, status: 'current', title: titles[4], version: { number: 2 } },
    });
    assert.equal(edit.status, 200, edit.text);
    // 61 items in pages of 20: the trashed page, second to last, ends the third page.
    const pages = await walk(
      `/pages?space-id=${spaceId}&status=current,trashed&sort=modified-date&limit=20`,
      '/pages',
    );
    assert.equal(pages[2]?.results.at(-1)?.id, trashed);
    const walked = idsOf(pages);
    assert.deepEqual(walked.slice(-2), [trashed, edited]);
    assert.equal(new Set(walked).size, pageCount + 1);
    assert.equal(walked.length, pageCount + 1);
    const restored = await site.request('PUT', `/wiki/api/v2/pages/${trashed}`, {
      json: { id: trashed, status: 'current', title: titles[3], version: { number: 2 } },
    });
    assert.equal(restored.status, 200, restored.text);
  });

  it('pages through children of a page and lists its ancestors root first', async () => {
    const children = await walk(`/pages/${homepageId}/children?limit=25`, '/pages/{id}/children');
    assert.deepEqual(idsOf(children), ids);
    const newestChildren = await walk(
      `/pages/${homepageId}/children?sort=-created-date&limit=40`,
      '/pages/{id}/children',
    );
    assert.deepEqual(idsOf(newestChildren), [...ids].reverse());

    const deep = await aPage(site, 'MANY', 'Deep', { parentId: ids[0] });
    const deeper = await aPage(site, 'MANY', 'Deeper', { parentId: String(deep.id) });
    const all = await site.request('GET', `/wiki/api/v2/pages/${deeper.id}/ancestors`);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/ancestors', 200, all.body);
    assert.deepEqual(
      (all.body as V2List).results.map((ancestor) => ancestor.id),
      [homepageId, ids[0], String(deep.id)],
    );
    const nearest = await site.request('GET', `/wiki/api/v2/pages/${deeper.id}/ancestors?limit=2`);
    assert.deepEqual(
      (nearest.body as V2List).results.map((ancestor) => ancestor.id),
      [ids[0], String(deep.id)],
    );
    for (const id of [deeper.id, deep.id]) {
      assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${id}`)).status, 204);
      assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${id}?purge=true`)).status, 204);
    }
  });

  it('pages through versions newest first, or oldest first when asked', async () => {
    const id = ids[10] ?? '';
    for (let number = 2; number <= 6; number += 1) {
      const updated = await site.request('PUT', `/wiki/api/v2/pages/${id}`, {
        json: { id, status: 'current', title: titles[10], version: { number, message: `edit ${number}` } },
      });
      assert.equal(updated.status, 200, updated.text);
    }
    const numbersOf = (pages: V2List[]) =>
      pages.flatMap((page) => page.results.map((version) => version.number));
    const newest = await walk(`/pages/${id}/versions?limit=2`, '/pages/{id}/versions');
    assert.deepEqual(
      newest.map((page) => page.results.length),
      [2, 2, 2],
    );
    assert.deepEqual(numbersOf(newest), [6, 5, 4, 3, 2, 1]);
    const oldest = await walk(`/pages/${id}/versions?sort=modified-date&limit=4`, '/pages/{id}/versions');
    assert.deepEqual(numbersOf(oldest), [1, 2, 3, 4, 5, 6]);
    assert.equal(oldest[0]?.results[1]?.message, 'edit 2');
  });

  it('clamps a limit above 250 and refuses a limit below 1, a garbage cursor or one from another sort', async () => {
    const clamped = await site.request('GET', `/wiki/api/v2/spaces/${spaceId}/pages?limit=251`);
    assert.equal(clamped.status, 200);
    assert.equal((clamped.body as V2List).results.length, pageCount + 1);

    const titleCursor = new URL(
      (
        (await site.request('GET', `/wiki/api/v2/pages?space-id=${spaceId}&sort=title&limit=1`))
          .body as V2List
      )._links.next ?? '',
      'http://x',
    ).searchParams.get('cursor');
    const bad = [
      'limit=0',
      'limit=-1',
      'limit=ten',
      'cursor=not!base64',
      `cursor=${Buffer.from('not json').toString('base64url')}`,
      `cursor=${Buffer.from('{"sortValue":1}').toString('base64url')}`,
      `cursor=${titleCursor}`,
      `id=${Array.from({ length: 251 }, (_, n) => n + 1).join(',')}`,
    ];
    for (const query of bad) {
      for (const path of [
        `/pages?${query}`,
        `/spaces/${spaceId}/pages?${query}`,
        `/pages/${homepageId}/children?${query}`,
      ]) {
        if (path.startsWith(`/spaces`) && query.startsWith('id=')) continue;
        if (path.includes('/children') && query.startsWith('id=')) continue;
        assertV2Error(await site.request('GET', `/wiki/api/v2${path}`), 400, 'BAD_REQUEST');
      }
    }
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${homepageId}/versions?limit=0`),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(await site.request('GET', `/wiki/api/v2/blogposts?cursor=%%%`), 400, 'BAD_REQUEST');
  });

  it('answers on /api/v2 too, with next links on that prefix', async () => {
    const response = await site.request('GET', `/api/v2/spaces/${spaceId}/pages?limit=60`);
    assert.equal(response.status, 200);
    const page = response.body as V2List;
    assert.equal(page.results.length, 60);
    assert.match(page._links.next ?? '', /^\/api\/v2\/spaces\/\d+\/pages\?limit=60&cursor=/);
    const rest = await site.request('GET', page._links.next ?? '');
    assert.deepEqual(
      (rest.body as V2List).results.map((item) => item.id),
      [ids.at(-1)],
    );
  });
});
