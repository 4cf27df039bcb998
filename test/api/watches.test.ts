import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('watching content and spaces', () => {
  let site: TestServer;
  const carol: [string, string] = ['carol', 'carol-pw'];

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'WAT');
    const created = await site.request('POST', '/rest/api/admin/user', {
      json: {
        userName: 'carol',
        fullName: 'Carol Watcher',
        email: 'carol@example.com',
        password: 'carol-pw',
      },
    });
    assert.equal(created.status, 201, created.text);
  });
  after(() => site.dispose());

  const watching = async (path: string, auth?: [string, string]) => {
    const response = await site.request('GET', path, auth ? { auth } : {});
    assert.equal(response.status, 200, response.text);
    return (response.body as Json).watching;
  };

  it('watches and unwatches a page, answering 204 whether or not anything changed', async () => {
    const page = await aPage(site, 'WAT', 'Watched page');
    const path = `/rest/api/user/watch/content/${page.id}`;
    const before = await site.request('GET', `/wiki${path}`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/user/watch/content/{contentId}', 200, before.body);
    assert.deepEqual(before.body, { watching: false });

    const added = await site.request('POST', path, { headers: noCheck });
    assert.equal(added.status, 204, added.text);
    assert.equal(added.text, '');
    assert.equal(await watching(path), true);
    assert.equal((await site.request('POST', `/wiki${path}`, { headers: noCheck })).status, 204);
    assert.equal(await watching(path, carol), false);

    assert.equal((await site.request('DELETE', path)).status, 204);
    assert.equal(await watching(path), false);
    assert.equal(
      (await site.request('DELETE', path, { headers: { 'x-atlassian-token': 'no-check' } })).status,
      204,
    );
  });

  it('accepts a watch with an empty JSON body, as clients that always send Content-Type do', async () => {
    const page = await aPage(site, 'WAT', 'Bodiless watch');
    const path = `/rest/api/user/watch/content/${page.id}`;
    const added = await site.request('POST', path, {
      headers: { 'content-type': 'application/json', ...noCheck },
    });
    assert.equal(added.status, 204, added.text);
    assert.equal(await watching(path), true);
  });

  it('watches a space on Data Center and Cloud paths', async () => {
    const path = '/rest/api/user/watch/space/WAT';
    const before = await site.request('GET', path);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/user/watch/space/{spaceKey}', 200, before.body);
    assert.equal((before.body as Json).watching, false);
    assert.equal((await site.request('POST', `/wiki${path}`, { auth: carol, headers: noCheck })).status, 204);
    assert.equal(await watching(path, carol), true);
    assert.equal(await watching(path), false);
    assert.equal((await site.request('DELETE', path, { auth: carol })).status, 204);
    assert.equal(await watching(`/wiki${path}`, carol), false);
  });

  it('lets an administrator act for another user by username, key or accountId, and no one else', async () => {
    const page = await aPage(site, 'WAT', 'Watched for carol');
    const path = `/rest/api/user/watch/content/${page.id}`;
    assert.equal((await site.request('POST', `${path}?username=carol`, { headers: noCheck })).status, 204);
    assert.equal(await watching(path, carol), true);
    const { userKey } = (await site.request('GET', '/rest/api/user?username=carol')).body as {
      userKey: string;
    };
    const cloudUser = await site.request('GET', '/wiki/rest/api/user?username=carol');
    const { accountId } = cloudUser.body as { accountId: string };
    assert.equal(await watching(`${path}?key=${userKey}`), true);
    assert.equal(await watching(`/wiki${path}?accountId=${accountId}`), true);
    assert.equal(await watching(`${path}?username=carol`, carol), true);

    assertRestError(await site.request('GET', `${path}?username=admin`, { auth: carol }), 403);
    assertRestError(await site.request('DELETE', `${path}?username=admin`, { auth: carol }), 403);
    assertRestError(await site.request('POST', `${path}?username=nobody`, { headers: noCheck }), 404);
    assert.equal((await site.request('DELETE', `${path}?username=carol`)).status, 204);
    assert.equal(await watching(path, carol), false);
  });

  it('answers 404 for unknown content or spaces, 400 for a bad id, 401 without credentials, and stores nothing', async () => {
    assertRestError(await site.request('GET', '/rest/api/user/watch/content/999999'), 404);
    assertRestError(
      await site.request('POST', '/rest/api/user/watch/content/999999', { headers: noCheck }),
      404,
    );
    assertRestError(await site.request('DELETE', '/rest/api/user/watch/content/999999'), 404);
    assertRestError(
      await site.request('POST', '/rest/api/user/watch/space/NOSUCH', { headers: noCheck }),
      404,
    );
    assertRestError(await site.request('GET', '/wiki/rest/api/user/watch/content/abc'), 400);
    assertRestError(
      await site.request('POST', '/rest/api/user/watch/space/WAT', { auth: null, headers: noCheck }),
      401,
    );
    assert.equal(await watching('/rest/api/user/watch/space/WAT'), false);
  });

  it('forgets the watches of content that is purged', async () => {
    const page = await aPage(site, 'WAT', 'Short-lived');
    const path = `/rest/api/user/watch/content/${page.id}`;
    await site.request('POST', path, { headers: noCheck });
    await site.request('DELETE', `/rest/api/content/${page.id}`);
    await site.request('DELETE', `/rest/api/content/${page.id}?status=trashed`);
    assertRestError(await site.request('GET', path), 404);
  });
});
