import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('publishing blueprint drafts', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'BLU');
    await aUser(site, 'reader');
    // Members may read BLU but not add pages to it.
    const revoked = await site.request(
      'PUT',
      '/rest/api/space/BLU/permissions/group/confluence-users/revoke',
      {
        json: [{ targetType: 'page', operationKey: 'create' }],
      },
    );
    assert.equal(revoked.status, 204, revoked.text);
  });
  after(() => site.dispose());

  const aDraft = async (title: string, body = `<p>${title}</p>`) => {
    const response = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'page',
        status: 'draft',
        title,
        space: { key: 'BLU' },
        body: { storage: { value: body, representation: 'storage' } },
      },
    });
    assert.equal(response.status, 200, response.text);
    return String((response.body as Json).id);
  };

  it('publishes a shared draft (PUT) as a current page that keeps version 1', async () => {
    const id = await aDraft('Meeting notes');
    const response = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      json: { type: 'page', title: 'Meeting notes', version: { number: 1 }, space: { key: 'BLU' } },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('dc', 'PUT', '/rest/api/content/blueprint/instance/{draftId}', 200, response.body);
    const page = response.body as Json;
    assert.equal(page.id, id);
    assert.equal(page.status, 'current');
    assert.equal((page.version as Json).number, 1);
    assert.equal(((page.body as Json).storage as Json).value, '<p>Meeting notes</p>');
    const read = await site.request('GET', `/rest/api/content/${id}`);
    assert.equal((read.body as Json).status, 'current');
  });

  it('publishes a legacy draft (POST) on Cloud with a new title and parent, keeping the draft in the history', async () => {
    const parent = await aPage(site, 'BLU', 'Parent of published');
    const id = await aDraft('Retro draft');
    const response = await site.request('POST', `/wiki/rest/api/content/blueprint/instance/${id}`, {
      json: {
        type: 'page',
        title: 'Retrospective',
        version: { number: 1 },
        ancestors: [{ id: parent.id }],
        space: { key: 'BLU' },
      },
      headers: { 'x-atlassian-token': 'no-check' },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'cloud-v1',
      'POST',
      '/wiki/rest/api/content/blueprint/instance/{draftId}',
      200,
      response.body,
    );
    const page = response.body as Json;
    assert.equal(page.title, 'Retrospective');
    assert.deepEqual(
      (page.ancestors as Json[]).map((ancestor) => ancestor.id),
      [parent.id],
    );
    const v1 = await site.request('GET', `/rest/api/content/${id}/version/1`);
    assert.equal((v1.body as Json).number, 1);
  });

  it('refuses what is not a draft, a version other than 1, a taken title and a missing title', async () => {
    const page = await aPage(site, 'BLU', 'Already current');
    const notDraft = await site.request('PUT', `/rest/api/content/blueprint/instance/${page.id}`, {
      json: { type: 'page', title: 'x', version: { number: 1 } },
    });
    assert.equal(notDraft.status, 404, notDraft.text);

    const id = await aDraft('Versioned draft');
    const v2 = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      json: { type: 'page', title: 'Versioned draft', version: { number: 2 } },
    });
    assert.equal(v2.status, 409, v2.text);
    const taken = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      json: { type: 'page', title: 'Already current', version: { number: 1 } },
    });
    assert.equal(taken.status, 400, taken.text);
    const untitled = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      json: { type: 'page', version: { number: 1 } },
    });
    assert.equal(untitled.status, 400, untitled.text);
    const wrongSpace = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      json: { type: 'page', title: 'Versioned draft', version: { number: 1 }, space: { key: 'NOPE' } },
    });
    assert.equal(wrongSpace.status, 400, wrongSpace.text);
    const badId = await site.request('PUT', '/rest/api/content/blueprint/instance/abc', {
      json: { type: 'page', title: 'x', version: { number: 1 } },
    });
    assert.equal(badId.status, 400, badId.text);
    const still = await site.request('GET', `/rest/api/content/${id}?status=draft`);
    assert.equal((still.body as Json).status, 'draft', 'nothing refused was published');
  });

  it('needs the right to see the draft and to add pages to its space', async () => {
    const id = await aDraft('Private draft');
    const response = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      auth: ['reader', 'reader-pw'],
      json: { type: 'page', title: 'Private draft', version: { number: 1 } },
    });
    assert.equal(response.status, 403, response.text);
    const anonymous = await site.request('PUT', `/rest/api/content/blueprint/instance/${id}`, {
      auth: null,
      json: { type: 'page', title: 'Private draft', version: { number: 1 } },
    });
    assert.equal(anonymous.status, 401);
    const still = await site.request('GET', `/rest/api/content/${id}?status=draft`);
    assert.equal((still.body as Json).status, 'draft');
  });
});
