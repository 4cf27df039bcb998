import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; size: number };
const dave: [string, string] = ['dave', 'dave-pw'];

describe('copying, moving, archiving and trashing page trees on Cloud v1', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'dave');
    await aSpace(site, 'TRE');
    await aSpace(site, 'DST');
  });
  after(() => site.dispose());

  const page = async (title: string, parentId?: string, space = 'TRE') =>
    String((await aPage(site, space, title, parentId ? { parentId } : {})).id);
  const childTitles = async (id: string) => {
    const children = await site.request('GET', `/wiki/rest/api/content/${id}/child/page?limit=50`);
    assert.equal(children.status, 200, children.text);
    return (children.body as Listing).results.map((child) => child.title);
  };
  /** Polls the task until it finishes, as clients do. */
  const finished = async (submission: Json) => {
    assertMatchesSpec('cloud-v1-2026', 'DELETE', '/wiki/rest/api/content/{id}/pageTree', 202, submission);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const task = await site.request('GET', `/wiki/rest/api/longtask/${submission.id}`);
      assert.equal(task.status, 200, task.text);
      if ((task.body as Json).finished) return task.body as Json;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the task never finished');
  };

  it('moves a page before, after and into another, and children lists keep that order', async () => {
    const parent = await page('Move parent');
    const [a, b, c] = [
      await page('Move A', parent),
      await page('Move B', parent),
      await page('Move C', parent),
    ];
    const before = await site.request('PUT', `/wiki/rest/api/content/${c}/move/before/${a}`);
    assert.equal(before.status, 200, before.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'PUT',
      '/wiki/rest/api/content/{pageId}/move/{position}/{targetId}',
      200,
      before.body,
    );
    assert.deepEqual(before.body, { pageId: c });
    assert.deepEqual(await childTitles(parent), ['Move C', 'Move A', 'Move B']);
    assert.equal((await site.request('PUT', `/wiki/rest/api/content/${c}/move/after/${b}`)).status, 200);
    assert.deepEqual(await childTitles(parent), ['Move A', 'Move B', 'Move C']);
    assert.equal((await site.request('PUT', `/wiki/rest/api/content/${a}/move/append/${b}`)).status, 200);
    assert.deepEqual(await childTitles(parent), ['Move B', 'Move C']);
    assert.deepEqual(await childTitles(b), ['Move A']);
    assertRestError(
      await site.request('PUT', `/wiki/rest/api/content/${b}/move/append/${a}`),
      400,
      /under itself/,
    );
    assertRestError(
      await site.request('PUT', `/wiki/rest/api/content/${b}/move/sideways/${a}`),
      400,
      /position/,
    );
    assertRestError(await site.request('PUT', `/wiki/rest/api/content/${b}/move/append/999999`), 404);
  });

  it('moves a page with its children into another space', async () => {
    const root = await page('Traveller');
    const child = await page('Traveller child', root);
    const target = await page('Landing', undefined, 'DST');
    assert.equal(
      (await site.request('PUT', `/wiki/rest/api/content/${root}/move/append/${target}`)).status,
      200,
    );
    const moved = (await site.request('GET', `/wiki/rest/api/content/${child}?expand=space`)).body as {
      space: { key: string };
    };
    assert.equal(moved.space.key, 'DST');
    assert.deepEqual(await childTitles(target), ['Traveller']);
  });

  it('copies a page with its attachments, labels and properties, sharing the bytes', async () => {
    const source = await page('Copy source');
    const uploaded = await anUpload(site, source, [{ name: 'notes.txt', content: 'shared bytes' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    await site.request('POST', `/rest/api/content/${source}/label`, {
      json: [{ prefix: 'global', name: 'copied' }],
    });
    await site.request('POST', `/rest/api/content/${source}/property`, {
      json: { key: 'colour', value: { hue: 1 } },
    });
    const parent = await page('Copy parent', undefined, 'DST');
    const copied = await site.request('POST', `/wiki/rest/api/content/${source}/copy`, {
      json: {
        destination: { type: 'parent_page', value: parent },
        copyAttachments: true,
        copyLabels: true,
        copyProperties: true,
      },
    });
    assert.equal(copied.status, 200, copied.text);
    const copy = copied.body as { id: string; title: string; space: { key: string } };
    assert.equal(copy.title, 'Copy source');
    assert.equal(copy.space.key, 'DST');
    assert.deepEqual(await childTitles(parent), ['Copy source']);
    const attachments = (await site.request('GET', `/wiki/rest/api/content/${copy.id}/child/attachment`))
      .body as Listing;
    assert.deepEqual(
      attachments.results.map((item) => item.title),
      ['notes.txt'],
    );
    const [attachment] = attachments.results;
    assert.ok(attachment);
    const download = String((attachment._links as Json).download);
    const bytes = await site.request('GET', `/wiki${download}`);
    assert.equal(bytes.text, 'shared bytes');
    const labels = (await site.request('GET', `/wiki/rest/api/content/${copy.id}/label`)).body as Listing;
    assert.deepEqual(
      labels.results.map((label) => label.name),
      ['copied'],
    );
    const property = await site.request('GET', `/wiki/rest/api/content/${copy.id}/property/colour`);
    assert.deepEqual((property.body as Json).value, { hue: 1 });
  });

  it('refuses a copy into the same space under the same title, and copies under a new title and body', async () => {
    const source = await page('Same space');
    assertRestError(
      await site.request('POST', `/wiki/rest/api/content/${source}/copy`, {
        json: { destination: { type: 'space', value: 'TRE' } },
      }),
      400,
      /already exists/,
    );
    const renamed = await site.request('POST', `/wiki/rest/api/content/${source}/copy?expand=body.storage`, {
      json: {
        destination: { type: 'space', value: 'TRE' },
        pageTitle: 'Same space (copy)',
        body: { storage: { value: '<p>new body</p>', representation: 'storage' } },
      },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(((renamed.body as Json).body as { storage: Json }).storage.value, '<p>new body</p>');
    assertRestError(
      await site.request('POST', `/wiki/rest/api/content/${source}/copy`, {
        json: { destination: { type: 'moon' } },
      }),
      400,
      /destination/,
    );
  });

  it('copies a page hierarchy as a long task, renaming titles', async () => {
    const root = await page('Tree root');
    const child = await page('Tree child', root);
    await page('Tree grandchild', child);
    const target = await page('Tree target');
    assertRestError(
      await site.request('POST', `/wiki/rest/api/content/${root}/pagehierarchy/copy`, {
        json: { destinationPageId: target },
      }),
      400,
      /already exists/,
    );
    const started = await site.request('POST', `/wiki/rest/api/content/${root}/pagehierarchy/copy`, {
      json: { destinationPageId: target, titleOptions: { search: 'Tree', replace: 'Copy' } },
    });
    assert.equal(started.status, 202, started.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'POST',
      '/wiki/rest/api/content/{id}/pagehierarchy/copy',
      202,
      started.body,
    );
    const task = await finished(started.body as Json);
    assert.equal(task.successful, true, JSON.stringify(task));
    assert.deepEqual(await childTitles(target), ['Copy root']);
    const copiedRoot = (
      (await site.request('GET', `/wiki/rest/api/content/${target}/child/page`)).body as Listing
    ).results[0] as Json;
    assert.deepEqual(await childTitles(String(copiedRoot.id)), ['Copy child']);
    assertRestError(
      await site.request('POST', `/wiki/rest/api/content/${root}/pagehierarchy/copy`, {
        json: { destinationPageId: child, titleOptions: { prefix: 'X ' } },
      }),
      400,
      /under itself/,
    );
  });

  it('trashes a page and all its descendants as a long task', async () => {
    const root = await page('Doomed root');
    const child = await page('Doomed child', root);
    const grandchild = await page('Doomed grandchild', child);
    assertRestError(
      await site.request('DELETE', `/wiki/rest/api/content/${root}/pageTree`, { auth: dave }),
      403,
    );
    const started = await site.request('DELETE', `/wiki/rest/api/content/${root}/pageTree`);
    assert.equal(started.status, 202, started.text);
    const task = await finished(started.body as Json);
    assert.equal(task.successful, true);
    for (const id of [root, child, grandchild]) {
      const trashed = await site.request('GET', `/wiki/rest/api/content/${id}?status=trashed`);
      assert.equal((trashed.body as Json).status, 'trashed');
    }
    assertRestError(
      await site.request('DELETE', `/wiki/rest/api/content/${root}/pageTree`),
      400,
      /current page/,
    );
  });

  it('archives pages as a long task, and refuses pages that are not current', async () => {
    const first = await page('Archive me');
    const second = await page('Archive me too');
    const guarded = await site.request(
      'PUT',
      `/rest/api/content/${second}/restriction/byOperation/update/user?username=admin`,
    );
    assert.equal(guarded.status, 200, guarded.text);
    assertRestError(
      await site.request('POST', '/wiki/rest/api/content/archive', {
        json: { pages: [{ id: Number(first) }, { id: Number(second) }] },
        auth: dave,
      }),
      403,
    );
    assert.equal(
      ((await site.request('GET', `/wiki/rest/api/content/${first}`)).body as Json).status,
      'current',
    );
    const started = await site.request('POST', '/wiki/rest/api/content/archive', {
      json: { pages: [{ id: Number(first) }, { id: Number(second) }] },
    });
    assert.equal(started.status, 202, started.text);
    assertMatchesSpec('cloud-v1-2026', 'POST', '/wiki/rest/api/content/archive', 202, started.body);
    assert.equal((await finished(started.body as Json)).successful, true);
    const archived = await site.request('GET', `/wiki/rest/api/content/${first}?status=archived`);
    assert.equal((archived.body as Json).status, 'archived');
    assertRestError(
      await site.request('POST', '/wiki/rest/api/content/archive', {
        json: { pages: [{ id: Number(first) }] },
      }),
      400,
      /archived/,
    );
    assertRestError(
      await site.request('POST', '/wiki/rest/api/content/archive', { json: { pages: [] } }),
      400,
    );
  });
});
