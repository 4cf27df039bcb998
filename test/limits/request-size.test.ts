import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { seedPages } from '../support/seed-pages.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const pages = 300;

describe('what one request may ask for', () => {
  let site: TestServer;
  let rootId: number;
  let spaceId: string;

  before(async () => {
    site = await startTestServer({ TRIBUTARY_MAX_EXPAND_DEPTH: '3', TRIBUTARY_MAX_EXPAND_NAMES: '5' });
    spaceId = String((await aSpace(site, 'MANY')) ?? '');
    rootId = Number((await aPage(site, 'MANY', 'Root')).id);
    const space = await site.server.site.services.store.spaces.findByKey('MANY');
    assert.ok(space);
    spaceId = String(space.id);
    await seedPages(site.server.site.services, 'MANY', pages, {
      parentId: rootId,
      title: (index) => `Child ${index}`,
    });
  });
  after(() => site.dispose());

  it('refuses an expansion deeper than the site allows, in the v1 shape', async () => {
    const answer = await site.request('GET', `/rest/api/content/${rootId}?expand=children.page.version`);
    assert.equal(answer.status, 200);
    const deeper = await site.request(
      'GET',
      `/rest/api/content/${rootId}?expand=children.page.children.page`,
    );
    assert.equal(deeper.status, 400);
    assert.equal((deeper.body as Json).statusCode, 400);
    assert.match(String((deeper.body as Json).message), /at most 3 levels deep/);
  });

  it('refuses more expanded names than the site allows, on DC and Cloud paths', async () => {
    const wide = 'space,version,history,body.storage,ancestors';
    for (const path of [
      `/rest/api/content/${rootId}?expand=${wide}`,
      `/wiki/rest/api/content/${rootId}?expand=${wide}`,
    ]) {
      const answer = await site.request('GET', path);
      assert.equal(answer.status, 400, path);
      assert.match(String((answer.body as Json).message), /at most 5/, path);
    }
  });

  it('caps limit=1000000 at each list surface’s maximum', async () => {
    const cases: [path: string, max: number][] = [
      [`/rest/api/content?spaceKey=MANY&type=page&limit=1000000`, 200],
      [`/rest/api/content/${rootId}/child/page?limit=1000000`, 200],
      [`/rest/api/content/${rootId}/descendant/page?limit=1000000`, 200],
      [`/rest/api/space/MANY/content/page?limit=1000000`, 200],
      [`/rest/api/content/search?cql=space=MANY%20and%20type=page&limit=1000000`, 200],
      [`/rest/api/search?cql=space=MANY%20and%20type=page&limit=1000000`, 200],
      [`/wiki/rest/api/content/search?cql=space=MANY&limit=1000000`, 200],
      [`/wiki/api/v2/pages?space-id=${spaceId}&limit=1000000`, 250],
      [`/wiki/api/v2/spaces/${spaceId}/pages?limit=1000000`, 250],
      [`/wiki/api/v2/pages/${rootId}/children?limit=1000000`, 250],
      [`/wiki/api/v2/pages/${rootId}/direct-children?limit=1000000`, 250],
      [`/wiki/api/v2/pages/${rootId}/descendants?limit=1000000`, 250],
      [`/wiki/api/v2/search?cql=space=MANY&limit=1000000`, 250],
    ];
    for (const [path, max] of cases) {
      const answer = await site.request('GET', path);
      if (answer.status === 404 && path.includes('/v2/search')) continue;
      assert.equal(answer.status, 200, path);
      const results = (answer.body as { results: unknown[] }).results;
      assert.ok(results.length > 0 && results.length <= max, `${path}: ${results.length}`);
    }
  });

  it('caps the Extender’s maxResults too', async () => {
    const uploaded = await anUpload(site, String(rootId), [{ name: 'one.txt', content: 'one' }]);
    const attachmentId = String(((uploaded.body as { results: Json[] }).results[0] as Json).id);
    const answer = await site.request(
      'GET',
      `/rest/extender/1.0/content/attachment/${attachmentId.replace(/^att/, '')}/versions?maxResults=1000000`,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(Number((answer.body as Json).maxResults) <= 1000, JSON.stringify(answer.body));
  });
});
