import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const carol: [string, string] = ['carol', 'carol-pw'];

describe('Cloud v2 page titles and content id types', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'TTL');
  });
  after(() => site.dispose());

  const retitle = (id: string, json: unknown, auth?: [string, string]) =>
    site.request('PUT', `/wiki/api/v2/pages/${id}/title`, { json, ...(auth && { auth }) });

  describe('PUT /pages/{id}/title', () => {
    it('changes the title in a new version and keeps the body', async () => {
      const page = await aPage(site, 'TTL', 'Old title', { body: '<p>kept body</p>' });
      const id = String(page.id);
      const response = await retitle(id, { status: 'current', title: 'New title' });
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('cloud-v2', 'PUT', '/pages/{id}/title', 200, response.body);
      const body = response.body as Json;
      assert.equal(body.title, 'New title');
      assert.equal((body.version as Json).number, 2);

      const v1 = await site.request('GET', `/rest/api/content/${id}?expand=body.storage,version`);
      const read = v1.body as { title: string; version: Json; body: { storage: Json } };
      assert.equal(read.title, 'New title');
      assert.equal(read.version.number, 2);
      assert.equal(read.body.storage.value, '<p>kept body</p>');
      const first = await site.request('GET', `/wiki/api/v2/pages/${id}?version=1`);
      assert.equal((first.body as Json).title, 'Old title');
    });

    it('refuses a title another page in the space has, a wrong or missing status, and a missing title', async () => {
      await aPage(site, 'TTL', 'Taken title');
      const page = await aPage(site, 'TTL', 'Free title');
      const id = String(page.id);
      for (const json of [
        { status: 'current', title: 'Taken title' },
        { status: 'draft', title: 'Another' },
        { title: 'Another' },
        { status: 'current' },
        { status: 'current', title: '' },
        'title',
      ]) {
        assertV2Error(await retitle(id, json), 400, 'BAD_REQUEST');
      }
      const read = await site.request('GET', `/wiki/api/v2/pages/${id}`);
      assert.equal((read.body as Json).title, 'Free title');
      assert.equal(((read.body as Json).version as Json).number, 1);
    });

    it('answers 404 to a reader who may not edit the page, for a blog post and for a trashed page', async () => {
      const page = await aPage(site, 'TTL', 'Guarded title');
      const id = String(page.id);
      const restrict = await site.request(
        'PUT',
        `/rest/api/content/${id}/restriction/byOperation/update/user?username=admin`,
      );
      assert.equal(restrict.status, 200, restrict.text);
      assertV2Error(
        await retitle(id, { status: 'current', title: 'Carol was here' }, carol),
        404,
        'NOT_FOUND',
      );
      const read = await site.request('GET', `/wiki/api/v2/pages/${id}`, { auth: carol });
      assert.equal((read.body as Json).title, 'Guarded title');

      const post = await aPage(site, 'TTL', 'A post', { type: 'blogpost' });
      assertV2Error(await retitle(String(post.id), { status: 'current', title: 'X' }), 404, 'NOT_FOUND');
      const trashed = await aPage(site, 'TTL', 'Trashed title');
      assert.equal((await site.request('DELETE', `/wiki/api/v2/pages/${String(trashed.id)}`)).status, 204);
      assertV2Error(
        await retitle(String(trashed.id), { status: 'current', title: 'Back' }),
        404,
        'NOT_FOUND',
      );
      assertV2Error(await retitle('abc', { status: 'current', title: 'X' }), 400, 'BAD_REQUEST');
    });
  });

  describe('POST /content/convert-ids-to-types', () => {
    const convert = (contentIds: unknown, auth?: [string, string]) =>
      site.request('POST', '/wiki/api/v2/content/convert-ids-to-types', {
        json: { contentIds },
        ...(auth && { auth }),
      });

    it('names the v2 type of each id, null for unknown and hidden ones, keyed as asked', async () => {
      const page = String((await aPage(site, 'TTL', 'Typed page')).id);
      const post = String((await aPage(site, 'TTL', 'Typed post', { type: 'blogpost' })).id);
      const upload = await anUpload(site, page, [{ name: 'typed.txt', content: 'typed' }]);
      assert.equal(upload.status, 200, upload.text);
      const attachment = String(((upload.body as { results: Json[] }).results[0] as Json).id);
      const comment = await site.request('POST', '/wiki/api/v2/footer-comments', {
        json: { pageId: page, body: { representation: 'storage', value: '<p>typed</p>' } },
      });
      assert.equal(comment.status, 201, comment.text);
      const commentId = String((comment.body as Json).id);
      const hidden = String((await aPage(site, 'TTL', 'Hidden typed page')).id);
      const restrict = await site.request('PUT', `/rest/api/content/${hidden}/restriction`, {
        json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
      });
      assert.equal(restrict.status, 200, restrict.text);

      const response = await convert(
        [Number(page), post, attachment, commentId, hidden, '999999', page],
        carol,
      );
      assert.equal(response.status, 200, response.text);
      // The schema types each value as a string, but its description maps hidden and unknown ids to null.
      assert.deepEqual(response.body, {
        results: {
          [page]: 'page',
          [post]: 'blogpost',
          [attachment]: 'attachment',
          [commentId]: 'footer-comment',
          [hidden]: null,
          '999999': null,
        },
      });
      const asAdmin = await convert([hidden, commentId]);
      assertMatchesSpec('cloud-v2', 'POST', '/content/convert-ids-to-types', 200, asAdmin.body);
      assert.deepEqual(asAdmin.body, { results: { [hidden]: 'page', [commentId]: 'footer-comment' } });
    });

    it('refuses a missing or oversized list and ids that are not ids', async () => {
      for (const contentIds of [
        undefined,
        'abc',
        ['abc'],
        [{}],
        [true],
        Array.from({ length: 101 }, (_, i) => i + 1),
      ]) {
        assertV2Error(await convert(contentIds), 400, 'BAD_REQUEST');
      }
      assert.deepEqual((await convert([])).body, { results: {} });
    });
  });
});
