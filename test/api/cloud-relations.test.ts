import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; size: number };
const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

describe('Cloud relations', () => {
  let site: TestServer;
  let pageId = '';
  let hiddenId = '';
  let carolId = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'REL');
    pageId = String((await aPage(site, 'REL', 'Favourite page')).id);
    hiddenId = String((await aPage(site, 'REL', 'Hidden page')).id);
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${hiddenId}/restriction/byOperation/read/user?username=carol`,
    );
    assert.equal(restricted.status, 200, restricted.text);
    const me = await site.request('GET', '/wiki/rest/api/user/current', { auth: carol });
    carolId = String((me.body as Json).accountId);
  });
  after(() => site.dispose());

  const favourite = (target: string, method = 'GET', auth: [string, string] | undefined = carol) =>
    site.request(
      method,
      `/wiki/rest/api/relation/favourite/from/user/current/to/${target}`,
      auth ? { auth } : {},
    );

  it('makes a favourite, reads it back, and lists it from the user and to the content', async () => {
    assertRestError(await favourite(`content/${pageId}`), 404);
    const made = await favourite(`content/${pageId}`, 'PUT');
    assert.equal(made.status, 200, made.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'PUT',
      '/wiki/rest/api/relation/{relationName}/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}',
      200,
      made.body,
    );
    assert.equal((made.body as Json).name, 'favourite');
    assert.equal((await favourite(`content/${pageId}`, 'PUT')).status, 200, 'making it again is fine');
    const read = await site.request(
      'GET',
      `/wiki/rest/api/relation/favourite/from/user/${carolId}/to/content/${pageId}?expand=relationData,source,target`,
      { auth: carol },
    );
    assert.equal(read.status, 200, read.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/relation/{relationName}/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}',
      200,
      read.body,
    );
    const body = read.body as { relationData: Json; source: Json; target: Json };
    assert.equal((body.relationData.createdBy as Json).accountId, carolId);
    assert.equal(body.source.accountId, carolId);
    assert.equal(body.target.id, pageId);

    const mine = await site.request('GET', '/wiki/rest/api/relation/favourite/from/user/current/to/content', {
      auth: carol,
    });
    assert.equal(mine.status, 200, mine.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/relation/{relationName}/from/{sourceType}/{sourceKey}/to/{targetType}',
      200,
      mine.body,
    );
    assert.equal((mine.body as Listing).size, 1);
    const fans = await site.request(
      'GET',
      `/wiki/rest/api/relation/favourite/to/content/${pageId}/from/user?expand=source`,
    );
    assert.equal(fans.status, 200, fans.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/relation/{relationName}/to/{targetType}/{targetKey}/from/{sourceType}',
      200,
      fans.body,
    );
    assert.deepEqual(
      (fans.body as Listing).results.map((result) => (result.source as Json).accountId),
      [carolId],
    );
  });

  it('favourites a space and keeps custom relations between content apart by name', async () => {
    assert.equal((await favourite('space/REL', 'PUT')).status, 200);
    const sibling = await site.request(
      'PUT',
      `/wiki/rest/api/relation/sibling/from/content/${pageId}/to/content/${hiddenId}`,
    );
    assert.equal(sibling.status, 200, sibling.text);
    const spaces = await site.request('GET', '/wiki/rest/api/relation/favourite/from/user/current/to/space', {
      auth: carol,
    });
    assert.equal((spaces.body as Listing).size, 1);
    const siblings = await site.request(
      'GET',
      `/wiki/rest/api/relation/sibling/from/content/${pageId}/to/content`,
    );
    assert.equal((siblings.body as Listing).size, 1);
  });

  it('leaves out relations whose other end the caller may not see', async () => {
    const siblings = await site.request(
      'GET',
      `/wiki/rest/api/relation/sibling/from/content/${pageId}/to/content`,
      {
        auth: dave,
      },
    );
    assert.equal(siblings.status, 200, siblings.text);
    assert.equal((siblings.body as Listing).size, 0);
    assertRestError(await favourite(`content/${hiddenId}`, 'PUT', dave), 404);
  });

  it("refuses to change another user's relations, and removes one's own", async () => {
    const theirs = await site.request(
      'DELETE',
      `/wiki/rest/api/relation/favourite/from/user/${carolId}/to/content/${pageId}`,
      { auth: dave },
    );
    assertRestError(theirs, 403);
    assert.equal((await favourite(`content/${pageId}`)).status, 200, 'still there');
    const removed = await favourite(`content/${pageId}`, 'DELETE');
    assert.equal(removed.status, 204, removed.text);
    assertRestError(await favourite(`content/${pageId}`), 404);
    assertRestError(await favourite(`content/${pageId}`, 'DELETE'), 404);
  });

  it('answers 400 for unknown entity types and bad names, 403 for a favourite of a user', async () => {
    assertRestError(await favourite(`thing/${pageId}`, 'PUT'), 400, /targetType/);
    assertRestError(
      await site.request('PUT', `/wiki/rest/api/relation/bad%20name/from/user/current/to/content/${pageId}`),
      400,
    );
    assertRestError(await favourite('user/current', 'PUT'), 403);
  });
});
