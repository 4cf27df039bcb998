import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; _links: Json };

const carol: [string, string] = ['carol', 'carol-pw'];
const storage = (value: string) => ({ representation: 'storage', value });

describe('Cloud v2 space creation, single content versions and content by label', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'VLB');
  });
  after(() => site.dispose());

  describe('POST /spaces', () => {
    it('creates a space with its home page that v1 and v2 both read back', async () => {
      const created = await site.request('POST', '/wiki/api/v2/spaces', {
        json: {
          key: 'NEWV2',
          name: 'New on v2',
          description: { value: 'Made by v2', representation: 'plain' },
        },
      });
      assert.equal(created.status, 201, created.text);
      assertMatchesSpec('cloud-v2', 'POST', '/spaces', 201, created.body);
      const body = created.body as Json;
      assert.equal(body.key, 'NEWV2');
      assert.equal(body.name, 'New on v2');
      assert.deepEqual(body.description, { plain: { representation: 'plain', value: 'Made by v2' } });
      assert.equal(typeof body.homepageId, 'string');
      assert.equal(typeof body.authorId, 'string');

      const read = await site.request(
        'GET',
        `/wiki/api/v2/spaces/${String(body.id)}?description-format=plain`,
      );
      assert.equal(read.status, 200, read.text);
      assert.equal((read.body as Json).homepageId, body.homepageId);
      const v1 = await site.request('GET', '/rest/api/space/NEWV2?expand=homepage');
      assert.equal(v1.status, 200, v1.text);
      assert.equal((v1.body as { homepage: Json }).homepage.title, 'New on v2 Home');
    });

    it('takes the alias as the key when no key is given, and makes a private space only its creator sees', async () => {
      const created = await site.request('POST', '/wiki/api/v2/spaces', {
        auth: carol,
        json: { alias: 'CAROLS', name: 'Carol only', createPrivateSpace: true },
      });
      assert.equal(created.status, 201, created.text);
      const id = String((created.body as Json).id);
      assert.equal((created.body as Json).key, 'CAROLS');
      assert.equal((await site.request('GET', `/wiki/api/v2/spaces/${id}`, { auth: carol })).status, 200);
      await aUser(site, 'dave');
      const byDave = await site.request('GET', `/wiki/api/v2/spaces/${id}`, { auth: ['dave', 'dave-pw'] });
      assertV2Error(byDave, 404, 'NOT_FOUND');
    });

    it('refuses a duplicate key, a missing name, a bad key, a bad role assignment and a non-plain description, creating nothing', async () => {
      const attempts: Json[] = [
        { key: 'VLB', name: 'Again' },
        { key: 'NONAME' },
        { key: 'bad key!', name: 'Bad' },
        { name: 'No key' },
        {
          key: 'ROLES',
          name: 'Roles',
          roleAssignments: [{ principal: { principalType: 'USER' }, roleId: 'x' }],
        },
        { key: 'VIEWD', name: 'View', description: { value: '<p>x</p>', representation: 'view' } },
        { key: 'PRIV', name: 'Priv', createPrivateSpace: 'yes' },
      ];
      for (const json of attempts) {
        const response = await site.request('POST', '/wiki/api/v2/spaces', { json });
        assertV2Error(response, 400, 'BAD_REQUEST');
      }
      for (const key of ['NONAME', 'ROLES', 'VIEWD', 'PRIV']) {
        assert.equal((await site.request('GET', `/rest/api/space/${key}`)).status, 404, key);
      }
      assertV2Error(await site.request('POST', '/wiki/api/v2/spaces', { json: ['x'] }), 400, 'BAD_REQUEST');
    });

    it('answers 404 to a user who may not create spaces, as the spec says', async () => {
      const revoke = await site.request('PUT', '/rest/api/permissions/group/confluence-users/revoke', {
        json: [{ targetType: 'space', operationKey: 'create' }],
      });
      assert.equal(revoke.status, 204, revoke.text);
      try {
        const refused = await site.request('POST', '/wiki/api/v2/spaces', {
          auth: carol,
          json: { key: 'NOPE', name: 'Nope' },
        });
        assertV2Error(refused, 404, 'NOT_FOUND');
        assert.equal((await site.request('GET', '/rest/api/space/NOPE')).status, 404);
      } finally {
        const grant = await site.request('PUT', '/rest/api/permissions/group/confluence-users/grant', {
          json: [{ targetType: 'space', operationKey: 'create' }],
        });
        assert.equal(grant.status, 204, grant.text);
      }
    });
  });

  describe('GET /pages/{id}/versions/{n} and /blogposts/{id}/versions/{n}', () => {
    for (const type of ['page', 'blogpost'] as const) {
      const collection = type === 'page' ? 'pages' : 'blogposts';
      it(`details each version of a ${type} with its neighbours, and 404s past the history`, async () => {
        const created = await aPage(site, 'VLB', `Versioned ${type}`, { type });
        const id = String(created.id);
        const update = await site.request('PUT', `/wiki/api/v2/${collection}/${id}`, {
          json: {
            id,
            status: 'current',
            title: `Versioned ${type}`,
            body: storage('<p>two</p>'),
            version: { number: 2, message: 'second' },
          },
        });
        assert.equal(update.status, 200, update.text);

        const first = await site.request('GET', `/wiki/api/v2/${collection}/${id}/versions/1`);
        assert.equal(first.status, 200, first.text);
        assertMatchesSpec(
          'cloud-v2',
          'GET',
          `/${collection}/{${type === 'page' ? 'page' : 'blogpost'}-id}/versions/{version-number}`,
          200,
          first.body,
        );
        const one = first.body as Json;
        assert.equal(one.number, 1);
        assert.equal(one.nextVersion, 2);
        assert.equal(one.prevVersion, undefined);
        assert.equal(one.contentTypeModified, false);
        assert.deepEqual(one.collaborators, [one.authorId]);

        const second = (await site.request('GET', `/wiki/api/v2/${collection}/${id}/versions/2`))
          .body as Json;
        assert.equal(second.number, 2);
        assert.equal(second.message, 'second');
        assert.equal(second.prevVersion, 1);
        assert.equal(second.nextVersion, undefined);

        assertV2Error(
          await site.request('GET', `/wiki/api/v2/${collection}/${id}/versions/3`),
          404,
          'NOT_FOUND',
        );
        assertV2Error(
          await site.request('GET', `/wiki/api/v2/${collection}/${id}/versions/x`),
          400,
          'BAD_REQUEST',
        );
        const other = type === 'page' ? 'blogposts' : 'pages';
        assertV2Error(await site.request('GET', `/wiki/api/v2/${other}/${id}/versions/1`), 404, 'NOT_FOUND');
      });
    }

    it('hides the versions of a page its reader may not see', async () => {
      const page = await aPage(site, 'VLB', 'Restricted history');
      const restrict = await site.request('PUT', `/rest/api/content/${String(page.id)}/restriction`, {
        json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
      });
      assert.equal(restrict.status, 200, restrict.text);
      const hidden = await site.request('GET', `/wiki/api/v2/pages/${String(page.id)}/versions/1`, {
        auth: carol,
      });
      assertV2Error(hidden, 404, 'NOT_FOUND');
    });
  });

  describe('GET /labels/{id}/pages and /labels/{id}/blogposts', () => {
    let labelId: string;
    const ids: Record<string, string> = {};

    before(async () => {
      await aSpace(site, 'LBB');
      for (const [name, space, type] of [
        ['tagged page', 'VLB', 'page'],
        ['tagged page elsewhere', 'LBB', 'page'],
        ['untagged page', 'VLB', 'page'],
        ['tagged post', 'VLB', 'blogpost'],
        ['secret tagged page', 'VLB', 'page'],
      ] as const) {
        ids[name] = String((await aPage(site, space, name, { type })).id);
        if (name.startsWith('untagged')) continue;
        const labelled = await site.request('POST', `/rest/api/content/${ids[name]}/label`, {
          json: [{ prefix: 'global', name: 'quarterly' }],
        });
        assert.equal(labelled.status, 200, labelled.text);
        labelId = String(((labelled.body as Listing).results[0] as Json).id);
      }
      const restrict = await site.request(
        'PUT',
        `/rest/api/content/${ids['secret tagged page']}/restriction`,
        {
          json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
        },
      );
      assert.equal(restrict.status, 200, restrict.text);
    });

    const titles = (listing: Listing) => listing.results.map((item) => item.title);

    it('lists the pages carrying the label that the caller may see, by cursor', async () => {
      const firstPage = await site.request(
        'GET',
        `/wiki/api/v2/labels/${labelId}/pages?limit=1&body-format=storage`,
        {
          auth: carol,
        },
      );
      assert.equal(firstPage.status, 200, firstPage.text);
      assertMatchesSpec('cloud-v2', 'GET', '/labels/{id}/pages', 200, firstPage.body);
      const listing = firstPage.body as Listing;
      assert.deepEqual(titles(listing), ['tagged page']);
      assert.deepEqual((listing.results[0] as Json).body, { storage: storage('<p>tagged page</p>') });
      const next = await site.request('GET', String(listing._links.next), { auth: carol });
      assert.deepEqual(titles(next.body as Listing), ['tagged page elsewhere']);
      assert.equal((next.body as Listing)._links.next, undefined);

      const asAdmin = (await site.request('GET', `/wiki/api/v2/labels/${labelId}/pages?sort=-title`))
        .body as Listing;
      assert.deepEqual(titles(asAdmin), ['tagged page elsewhere', 'tagged page', 'secret tagged page']);
    });

    it('filters by space id and lists the blog posts apart', async () => {
      const spaces = (await site.request('GET', '/wiki/api/v2/spaces?keys=LBB')).body as Listing;
      const spaceId = String((spaces.results[0] as Json).id);
      const inSpace = await site.request('GET', `/wiki/api/v2/labels/${labelId}/pages?space-id=${spaceId}`);
      assert.deepEqual(titles(inSpace.body as Listing), ['tagged page elsewhere']);
      const posts = await site.request('GET', `/wiki/api/v2/labels/${labelId}/blogposts`);
      assert.equal(posts.status, 200, posts.text);
      assertMatchesSpec('cloud-v2', 'GET', '/labels/{id}/blogposts', 200, posts.body);
      assert.deepEqual(titles(posts.body as Listing), ['tagged post']);
    });

    it('answers 404 for an unknown label and 400 for bad parameters', async () => {
      assertV2Error(await site.request('GET', '/wiki/api/v2/labels/999999/pages'), 404, 'NOT_FOUND');
      for (const query of ['sort=name', 'body-format=view', 'space-id=abc', 'limit=0']) {
        const response = await site.request('GET', `/wiki/api/v2/labels/${labelId}/pages?${query}`);
        assertV2Error(response, 400, 'BAD_REQUEST');
      }
      assertV2Error(
        await site.request('GET', `/wiki/api/v2/labels/${labelId}/blogposts?sort=title`),
        400,
        'BAD_REQUEST',
      );
    });
  });
});
