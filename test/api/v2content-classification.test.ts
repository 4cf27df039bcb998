import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[] };

const carol: [string, string] = ['carol', 'carol-pw'];

describe('data classification levels on Cloud v2', () => {
  let site: TestServer;
  let levels: Json[];
  let spaceId: string;
  const levelNamed = (name: string) => String(levels.find((level) => level.name === name)?.id);

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'CLS');
    spaceId = String(
      (((await site.request('GET', '/wiki/api/v2/spaces?keys=CLS')).body as Listing).results[0] as Json).id,
    );
    const listed = await site.request('GET', '/wiki/api/v2/classification-levels', { auth: carol });
    assert.equal(listed.status, 200, listed.text);
    assertMatchesSpec('cloud-v2', 'GET', '/classification-levels', 200, listed.body);
    levels = listed.body as Json[];
  });
  after(() => site.dispose());

  it('lists the seeded levels of the site in their order', () => {
    assert.deepEqual(
      levels.map((level) => [level.name, level.order, level.status]),
      [
        ['Public', 1, 'PUBLISHED'],
        ['Internal', 2, 'PUBLISHED'],
        ['Confidential', 3, 'PUBLISHED'],
        ['Restricted', 4, 'PUBLISHED'],
      ],
    );
  });

  it('sets, reads and removes a space default, for space administrators only', async () => {
    const path = `/wiki/api/v2/spaces/${spaceId}/classification-level/default`;
    assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('PUT', path, { auth: carol, json: { id: levelNamed('Internal') } }),
      404,
      'NOT_FOUND',
    );
    const set = await site.request('PUT', path, { json: { id: levelNamed('Internal') } });
    assert.equal(set.status, 204, set.text);
    const read = await site.request('GET', path, { auth: carol });
    assert.equal(read.status, 200, read.text);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/classification-level/default', 200, read.body);
    assert.equal((read.body as Json).name, 'Internal');

    for (const json of [{}, { id: 'no-such-level' }, { id: 7 }]) {
      assertV2Error(await site.request('PUT', path, { json }), 400, 'BAD_REQUEST');
    }
    assert.equal(((await site.request('GET', path)).body as Json).name, 'Internal');

    assertV2Error(await site.request('DELETE', path, { auth: carol }), 404, 'NOT_FOUND');
    assert.equal((await site.request('DELETE', path)).status, 204);
    assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('GET', '/wiki/api/v2/spaces/999999/classification-level/default'),
      404,
      'NOT_FOUND',
    );
  });

  for (const [collection, type] of [
    ['pages', 'page'],
    ['blogposts', 'blogpost'],
  ] as const) {
    it(`gives a ${type} its space default until it has its own level, and resets it back`, async () => {
      const id = String((await aPage(site, 'CLS', `Classified ${type}`, { type })).id);
      const path = `/wiki/api/v2/${collection}/${id}/classification-level`;
      const spaceDefault = `/wiki/api/v2/spaces/${spaceId}/classification-level/default`;
      assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');

      assert.equal(
        (await site.request('PUT', spaceDefault, { json: { id: levelNamed('Public') } })).status,
        204,
      );
      try {
        const inherited = await site.request('GET', path, { auth: carol });
        assert.equal(inherited.status, 200, inherited.text);
        assertMatchesSpec('cloud-v2', 'GET', `/${collection}/{id}/classification-level`, 200, inherited.body);
        assert.equal((inherited.body as Json).name, 'Public');

        const set = await site.request('PUT', path, {
          auth: carol,
          json: { id: levelNamed('Confidential'), status: 'current' },
        });
        assert.equal(set.status, 204, set.text);
        assert.equal(
          ((await site.request('GET', `${path}?status=current`)).body as Json).name,
          'Confidential',
        );

        const reset = await site.request('POST', `${path}/reset`, { json: { status: 'current' } });
        assert.equal(reset.status, 204, reset.text);
        assert.equal(((await site.request('GET', path)).body as Json).name, 'Public');
      } finally {
        assert.equal((await site.request('DELETE', spaceDefault)).status, 204);
      }
      assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');
    });
  }

  it('refuses bad input and answers 404 to those who may not edit or see the page', async () => {
    const id = String((await aPage(site, 'CLS', 'Guarded classification')).id);
    const path = `/wiki/api/v2/pages/${id}/classification-level`;
    for (const json of [
      { id: levelNamed('Restricted') },
      { id: levelNamed('Restricted'), status: 'archived' },
      { status: 'current' },
      { id: 'unknown', status: 'current' },
    ]) {
      assertV2Error(await site.request('PUT', path, { json }), 400, 'BAD_REQUEST');
    }
    assertV2Error(await site.request('POST', `${path}/reset`, { json: {} }), 400, 'BAD_REQUEST');
    assertV2Error(await site.request('GET', `${path}?status=trashed`), 400, 'BAD_REQUEST');
    assertV2Error(await site.request('GET', `${path}?status=draft`), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/blogposts/${id}/classification-level`),
      404,
      'NOT_FOUND',
    );

    const restrict = await site.request(
      'PUT',
      `/rest/api/content/${id}/restriction/byOperation/update/user?username=admin`,
    );
    assert.equal(restrict.status, 200, restrict.text);
    const refused = await site.request('PUT', path, {
      auth: carol,
      json: { id: levelNamed('Public'), status: 'current' },
    });
    assertV2Error(refused, 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');

    const set = await site.request('PUT', path, {
      json: { id: levelNamed('Restricted'), status: 'current' },
    });
    assert.equal(set.status, 204, set.text);
    const read = await site.request('PUT', `/rest/api/content/${id}/restriction`, {
      json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.equal(read.status, 200, read.text);
    assertV2Error(await site.request('GET', path, { auth: carol }), 404, 'NOT_FOUND');
    assert.equal(((await site.request('GET', path)).body as Json).name, 'Restricted');

    // The level goes with the page when it is purged.
    assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${id}`)).status, 204);
    assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');
    assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${id}?purge=true`)).status, 204);
  });

  it('records each change in the audit log', async () => {
    const audit = await site.request('GET', '/rest/api/audit?limit=200');
    assert.equal(audit.status, 200, audit.text);
    const summaries = (audit.body as Listing).results.map((record) => record.summary);
    for (const summary of [
      'Space default classification level changed',
      'Space default classification level removed',
      'Classification level changed',
      'Classification level reset to the space default',
    ]) {
      assert.ok(summaries.includes(summary), summary);
    }
  });
  it('classifies whiteboards and databases as it does pages, and only them by their own paths', async () => {
    for (const collection of ['whiteboards', 'databases']) {
      const created = await site.request('POST', `/wiki/api/v2/${collection}`, {
        json: { spaceId, title: `A ${collection} item` },
      });
      assert.equal(created.status, 200, created.text);
      const path = `/wiki/api/v2/${collection}/${(created.body as Json).id}/classification-level`;
      const set = await site.request('PUT', path, {
        json: { id: levelNamed('Confidential'), status: 'current' },
      });
      assert.equal(set.status, 204, set.text);
      const read = await site.request('GET', path, { auth: carol });
      assert.equal(read.status, 200, read.text);
      assertMatchesSpec('cloud-v2', 'GET', `/${collection}/{id}/classification-level`, 200, read.body);
      assert.equal((read.body as Json).name, 'Confidential');
      assertV2Error(
        await site.request('PUT', path, { json: { id: 'no-such-level', status: 'current' } }),
        400,
        'BAD_REQUEST',
      );
      const reset = await site.request('POST', `${path}/reset`, { json: { status: 'current' } });
      assert.equal(reset.status, 204, reset.text);
      assert.notEqual(((await site.request('GET', path)).body as Json).name, 'Confidential');
    }
    const page = await aPage(site, 'CLS', 'Not a whiteboard');
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/whiteboards/${page.id}/classification-level`),
      404,
      'NOT_FOUND',
    );
  });
});
