import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { seedPages } from '../support/seed-pages.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const levels = 10_000;

describe('a page tree ten thousand levels deep', () => {
  let site: TestServer;
  let rootId: number;
  let leafId: number;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'DEEP');
    rootId = Number((await aPage(site, 'DEEP', 'Root')).id);
    // Ten thousand levels: the root and a chain of pages below it, each the child of the one before.
    const chain = await seedPages(site.server.site.services, 'DEEP', levels - 1, {
      parentId: rootId,
      chain: true,
      title: (index) => `Level ${index + 1}`,
    });
    leafId = chain.at(-1) ?? 0;
  });
  after(() => site.dispose());

  it('expands every ancestor of the deepest page on v1', async () => {
    const answer = await site.request('GET', `/rest/api/content/${leafId}?expand=ancestors`);
    assert.equal(answer.status, 200);
    const ancestors = (answer.body as { ancestors: Json[] }).ancestors;
    assert.equal(ancestors.length, levels - 1);
    assert.equal(ancestors[0]?.id, String(rootId));
  });

  it('applies a read restriction of the root to the deepest page', async () => {
    await aUser(site, 'outsider');
    const outsider = { auth: ['outsider', 'outsider-pw'] as [string, string] };
    assert.equal((await site.request('GET', `/rest/api/content/${leafId}`, outsider)).status, 200);
    const restricted = await site.request('PUT', `/rest/api/content/${rootId}/restriction`, {
      json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.equal(restricted.status, 200, restricted.text);
    try {
      assert.equal((await site.request('GET', `/rest/api/content/${leafId}`, outsider)).status, 404);
      assert.equal((await site.request('GET', `/wiki/api/v2/pages/${leafId}`, outsider)).status, 404);
      assert.equal((await site.request('GET', `/rest/api/content/${leafId}`)).status, 200);
    } finally {
      await site.request('DELETE', `/rest/api/content/${rootId}/restriction`);
    }
  });

  it('lists the ancestors of the deepest page on v2', async () => {
    const answer = await site.request('GET', `/wiki/api/v2/pages/${leafId}/ancestors?limit=250`);
    assert.equal(answer.status, 200);
    assert.ok((answer.body as { results: Json[] }).results.length > 0);
  });

  it('pages through the descendants of the root on v1 and v2', async () => {
    const v1 = await site.request('GET', `/rest/api/content/${rootId}/descendant/page?limit=1000000`);
    assert.equal(v1.status, 200);
    assert.equal((v1.body as { results: Json[] }).results.length, 200);
    const v2 = await site.request('GET', `/wiki/api/v2/pages/${rootId}/descendants?limit=1000000&depth=5`);
    assert.equal(v2.status, 200);
    assert.equal((v2.body as { results: Json[] }).results.length, 5);
  });

  it('lists the children of each level with the page tree expansion', async () => {
    const answer = await site.request(
      'GET',
      `/rest/api/content/${rootId}?expand=children.page.children.page.children.page.children.page`,
    );
    assert.equal(answer.status, 200);
  });

  it('deletes the whole space in the background', async () => {
    const started = await site.request('DELETE', '/rest/api/space/DEEP');
    assert.equal(started.status, 202);
    const task = (started.body as { links: { status: string } }).links.status;
    let state: Json = {};
    for (let attempt = 0; attempt < 600; attempt += 1) {
      state = (await site.request('GET', task.replace(/^.*\/rest\/api/, '/rest/api'))).body as Json;
      if (state.finished === true) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(state.successful, true, JSON.stringify(state));
    assert.equal((await site.request('GET', `/rest/api/content/${leafId}`)).status, 404);
  });
});
