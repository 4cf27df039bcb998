import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; _links: Json };

const carol: [string, string] = ['carol', 'carol-pw'];

describe('space and comment properties on Cloud v2', () => {
  let site: TestServer;
  let spaceId: string;
  let otherSpaceId: string;

  const spaceIdOf = async (key: string) =>
    String(
      (((await site.request('GET', `/wiki/api/v2/spaces?keys=${key}`)).body as Listing).results[0] as Json)
        .id,
    );

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'SPP');
    await aSpace(site, 'OTH');
    spaceId = await spaceIdOf('SPP');
    otherSpaceId = await spaceIdOf('OTH');
  });
  after(() => site.dispose());

  describe('/spaces/{space-id}/properties', () => {
    const base = () => `/wiki/api/v2/spaces/${spaceId}/properties`;

    it('creates a property that v1 reads by key, and updates it by id in a new version', async () => {
      const created = await site.request('POST', base(), { json: { key: 'colour', value: { hue: 'teal' } } });
      assert.equal(created.status, 201, created.text);
      assertMatchesSpec('cloud-v2', 'POST', '/spaces/{space-id}/properties', 201, created.body);
      const property = created.body as Json;
      assert.equal(property.key, 'colour');
      assert.deepEqual(property.value, { hue: 'teal' });
      assert.equal((property.version as Json).number, 1);
      assert.equal(typeof (property.version as Json).createdBy, 'string');

      const v1 = await site.request('GET', '/rest/api/space/SPP/property/colour');
      assert.equal(v1.status, 200, v1.text);
      assert.equal(String((v1.body as Json).id), property.id);

      const updated = await site.request('PUT', `${base()}/${String(property.id)}`, {
        json: { key: 'colour', value: { hue: 'navy' }, version: { number: 2, message: 'darker' } },
      });
      assert.equal(updated.status, 200, updated.text);
      assertMatchesSpec('cloud-v2', 'PUT', '/spaces/{space-id}/properties/{property-id}', 200, updated.body);
      const read = await site.request('GET', `${base()}/${String(property.id)}`);
      assertMatchesSpec('cloud-v2', 'GET', '/spaces/{space-id}/properties/{property-id}', 200, read.body);
      assert.deepEqual((read.body as Json).value, { hue: 'navy' });
      assert.equal(((read.body as Json).version as Json).number, 2);
      assert.equal(((read.body as Json).version as Json).message, 'darker');

      const stale = await site.request('PUT', `${base()}/${String(property.id)}`, {
        json: { key: 'colour', value: 'stale', version: { number: 2 } },
      });
      assertV2Error(stale, 409, 'CONFLICT');
      const renamed = await site.request('PUT', `${base()}/${String(property.id)}`, {
        json: { key: 'other', value: 'x', version: { number: 3 } },
      });
      assertV2Error(renamed, 400, 'BAD_REQUEST');
      assert.deepEqual(((await site.request('GET', `${base()}/${String(property.id)}`)).body as Json).value, {
        hue: 'navy',
      });
    });

    it('lists by key with a cursor and filters on one key', async () => {
      for (const key of ['alpha', 'beta']) {
        const response = await site.request('POST', base(), { json: { key, value: key } });
        assert.equal(response.status, 201, response.text);
      }
      const first = await site.request('GET', `${base()}?limit=2`);
      assert.equal(first.status, 200, first.text);
      assertMatchesSpec('cloud-v2', 'GET', '/spaces/{space-id}/properties', 200, first.body);
      const page = first.body as Listing;
      assert.deepEqual(
        page.results.map((item) => item.key),
        ['alpha', 'beta'],
      );
      const next = (await site.request('GET', String(page._links.next))).body as Listing;
      assert.deepEqual(
        next.results.map((item) => item.key),
        ['colour'],
      );
      const one = (await site.request('GET', `${base()}?key=beta`)).body as Listing;
      assert.deepEqual(
        one.results.map((item) => item.value),
        ['beta'],
      );
    });

    it('refuses a duplicate key and bad ids, and hides a property of another space', async () => {
      assertV2Error(
        await site.request('POST', base(), { json: { key: 'alpha', value: 1 } }),
        400,
        'BAD_REQUEST',
      );
      assertV2Error(await site.request('POST', base(), { json: { value: 1 } }), 400, 'BAD_REQUEST');
      assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/abc/properties'), 400, 'BAD_REQUEST');
      assertV2Error(await site.request('GET', `${base()}/abc`), 400, 'BAD_REQUEST');
      assertV2Error(await site.request('GET', '/wiki/api/v2/spaces/999999/properties'), 404, 'NOT_FOUND');
      const alpha = ((await site.request('GET', `${base()}?key=alpha`)).body as Listing).results[0] as Json;
      const elsewhere = `/wiki/api/v2/spaces/${otherSpaceId}/properties/${String(alpha.id)}`;
      assertV2Error(await site.request('GET', elsewhere), 404, 'NOT_FOUND');
      assertV2Error(await site.request('DELETE', elsewhere), 404, 'NOT_FOUND');
    });

    it('lets a reader read but not write, answering 404 as the spec says, and deletes for an administrator', async () => {
      const alpha = ((await site.request('GET', `${base()}?key=alpha`)).body as Listing).results[0] as Json;
      const path = `${base()}/${String(alpha.id)}`;
      assert.equal((await site.request('GET', path, { auth: carol })).status, 200);
      assertV2Error(
        await site.request('POST', base(), { auth: carol, json: { key: 'carols', value: 1 } }),
        404,
        'NOT_FOUND',
      );
      assertV2Error(
        await site.request('PUT', path, { auth: carol, json: { value: 2, version: { number: 2 } } }),
        404,
        'NOT_FOUND',
      );
      assertV2Error(await site.request('DELETE', path, { auth: carol }), 404, 'NOT_FOUND');
      assert.equal((await site.request('GET', path)).status, 200);

      assert.equal((await site.request('DELETE', path)).status, 204);
      assertV2Error(await site.request('GET', path), 404, 'NOT_FOUND');
      assert.equal((await site.request('GET', '/rest/api/space/SPP/property/alpha')).status, 404);
    });
  });

  describe('/comments/{comment-id}/properties', () => {
    let pageId: string;
    let commentId: string;

    before(async () => {
      pageId = String((await aPage(site, 'SPP', 'Commented')).id);
      const comment = await site.request('POST', '/wiki/api/v2/footer-comments', {
        json: { pageId, body: { representation: 'storage', value: '<p>hello</p>' } },
      });
      assert.equal(comment.status, 201, comment.text);
      commentId = String((comment.body as Json).id);
    });

    it('keeps properties on a footer comment that v1 reads as content properties', async () => {
      const base = `/wiki/api/v2/comments/${commentId}/properties`;
      const created = await site.request('POST', base, { json: { key: 'reaction', value: ['+1'] } });
      assert.equal(created.status, 200, created.text);
      assertMatchesSpec('cloud-v2', 'POST', '/comments/{comment-id}/properties', 200, created.body);
      const id = String((created.body as Json).id);
      const v1 = await site.request('GET', `/rest/api/content/${commentId}/property/reaction`);
      assert.equal(v1.status, 200, v1.text);
      assert.deepEqual((v1.body as Json).value, ['+1']);

      const listed = await site.request('GET', base);
      assertMatchesSpec('cloud-v2', 'GET', '/comments/{comment-id}/properties', 200, listed.body);
      assert.deepEqual(
        (listed.body as Listing).results.map((item) => item.key),
        ['reaction'],
      );
      const updated = await site.request('PUT', `${base}/${id}`, {
        json: { key: 'reaction', value: ['+1', 'heart'], version: { number: 2 } },
      });
      assert.equal(updated.status, 200, updated.text);
      const read = await site.request('GET', `${base}/${id}`);
      assertMatchesSpec('cloud-v2', 'GET', '/comments/{comment-id}/properties/{property-id}', 200, read.body);
      assert.deepEqual((read.body as Json).value, ['+1', 'heart']);
      assert.equal((await site.request('DELETE', `${base}/${id}`)).status, 204);
      assertV2Error(await site.request('GET', `${base}/${id}`), 404, 'NOT_FOUND');
    });

    it('answers 404 for a page id, and for the comment of a page its reader may not see', async () => {
      assertV2Error(
        await site.request('GET', `/wiki/api/v2/comments/${pageId}/properties`),
        404,
        'NOT_FOUND',
      );
      const restrict = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
        json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
      });
      assert.equal(restrict.status, 200, restrict.text);
      const hidden = await site.request('POST', `/wiki/api/v2/comments/${commentId}/properties`, {
        auth: carol,
        json: { key: 'sneaky', value: 1 },
      });
      assertV2Error(hidden, 404, 'NOT_FOUND');
      assert.equal((await site.request('GET', `/rest/api/content/${commentId}/property/sneaky`)).status, 404);
    });
  });
});
