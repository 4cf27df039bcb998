import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

describe('content analytics on Cloud v1', () => {
  let site: TestServer;
  let pageId = '';
  let hiddenId = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'ANA');
    pageId = String((await aPage(site, 'ANA', 'Popular')).id);
    hiddenId = String((await aPage(site, 'ANA', 'Hidden')).id);
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${hiddenId}/restriction/byOperation/read/user?username=admin`,
    );
    assert.equal(restricted.status, 200, restricted.text);
  });
  after(() => site.dispose());

  const count = async (which: 'views' | 'viewers', query = '') => {
    const response = await site.request('GET', `/wiki/rest/api/analytics/content/${pageId}/${which}${query}`);
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      `/wiki/rest/api/analytics/content/{contentId}/${which}`,
      200,
      response.body,
    );
    return response.body as Json;
  };

  it('counts each read of the page as a view, and each reader once', async () => {
    assert.deepEqual(await count('views'), { id: Number(pageId), count: 0 });
    for (const auth of [carol, carol, dave]) {
      assert.equal((await site.request('GET', `/wiki/rest/api/content/${pageId}`, { auth })).status, 200);
    }
    assert.equal(
      (await site.request('GET', `/wiki/rest/api/content/${pageId}?version=1`, { auth: dave })).status,
      200,
    );
    assert.equal((await count('views')).count, 3, 'an old version read is not a view');
    assert.equal((await count('viewers')).count, 2);
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    assert.equal((await count('views', `?fromDate=${tomorrow}`)).count, 0);
    assert.equal((await count('views', '?fromDate=2020-01-01')).count, 3);
  });

  it('answers 404 for content the caller may not see and 400 for a bad date', async () => {
    assertRestError(
      await site.request('GET', `/wiki/rest/api/analytics/content/${hiddenId}/views`, { auth: dave }),
      404,
    );
    assertRestError(
      await site.request('GET', `/wiki/rest/api/analytics/content/${pageId}/views?fromDate=soon`),
      400,
    );
  });
});
