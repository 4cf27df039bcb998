import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousPrincipal, type Principal } from '../../src/domain/principal.ts';
import { likeContent } from '../../src/services/likes/like-content.ts';
import type { LikeTarget } from '../../src/services/likes/likeable-content.ts';
import { unlikeContent } from '../../src/services/likes/unlike-content.ts';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type List = { results: Json[]; _links: Json };

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];
const storage = (value: string) => ({ representation: 'storage', value });

describe('likes on Cloud v2: counted and listed; added through the likeContent service', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave', 'erin']) await aUser(site, name);
    await aSpace(site, 'LIK');
  });
  after(() => site.dispose());

  const deps = () => site.server.site.services;
  const principalOf = async (username: string): Promise<Principal> => {
    const user = await deps().store.users.findByUsername(username);
    assert.ok(user, username);
    return { kind: 'user', user, isAdministrator: false };
  };
  const like = async (username: string, target: LikeTarget) =>
    likeContent(deps(), await principalOf(username), target);
  const accountOf = async (username: string) =>
    (await deps().store.users.findByUsername(username))?.accountId;
  const v2 = (method: string, path: string, options: Parameters<TestServer['request']>[2] = {}) =>
    site.request(method, `/wiki/api/v2${path}`, options);

  it('counts and lists the likes of a page, first liker first, by cursor', async () => {
    const page = await aPage(site, 'LIK', 'Liked page');
    const id = Number(page.id);
    assert.equal(await like('carol', { id, kind: 'page' }), true);
    assert.equal(await like('carol', { id, kind: 'page' }), false);
    await like('dave', { id, kind: 'page' });
    await like('erin', { id, kind: 'page' });

    const count = await v2('GET', `/pages/${id}/likes/count`);
    assert.equal(count.status, 200, count.text);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/likes/count', 200, count.body);
    assert.deepEqual(count.body, { count: 3 });

    const first = await v2('GET', `/pages/${id}/likes/users?limit=2`);
    assert.equal(first.status, 200, first.text);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/likes/users', 200, first.body);
    const next = String((first.body as List)._links.next);
    const second = await site.request('GET', next);
    assert.equal(second.status, 200, second.text);
    assert.deepEqual(
      [...(first.body as List).results, ...(second.body as List).results].map((item) => item.accountId),
      [await accountOf('carol'), await accountOf('dave'), await accountOf('erin')],
    );
    const none = await v2('GET', `/pages/${id}/likes/users?limit=0`);
    assert.deepEqual((none.body as List).results, []);

    assert.equal(await unlikeContent(deps(), await principalOf('dave'), { id, kind: 'page' }), true);
    assert.deepEqual((await v2('GET', `/pages/${id}/likes/count`)).body, { count: 2 });
    assertV2Error(await v2('GET', `/pages/${id}/likes/users?limit=-1`), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', `/pages/${id}/likes/users?cursor=%%%`), 400, 'BAD_REQUEST');
  });

  it('counts the likes of blog posts and of footer and inline comments, each on its own path', async () => {
    const post = await aPage(site, 'LIK', 'Liked post', { type: 'blogpost', body: '<p>quote me</p>' });
    await like('carol', { id: Number(post.id), kind: 'blogpost' });
    const footer = await v2('POST', '/footer-comments', {
      json: { blogPostId: String(post.id), body: storage('<p>footer</p>') },
    });
    const footerId = Number((footer.body as Json).id);
    const inline = await v2('POST', '/inline-comments', {
      json: {
        blogPostId: String(post.id),
        body: storage('<p>inline</p>'),
        inlineCommentProperties: { textSelection: 'quote' },
      },
    });
    const inlineId = Number((inline.body as Json).id);
    await like('dave', { id: footerId, kind: 'footer-comment' });
    await like('dave', { id: inlineId, kind: 'inline-comment' });
    await like('erin', { id: inlineId, kind: 'inline-comment' });

    const counts = await Promise.all([
      v2('GET', `/blogposts/${post.id}/likes/count`),
      v2('GET', `/footer-comments/${footerId}/likes/count`),
      v2('GET', `/inline-comments/${inlineId}/likes/count`),
    ]);
    assert.deepEqual(
      counts.map((response) => (response.body as Json).count),
      [1, 1, 2],
    );
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{id}/likes/count', 200, counts[2]?.body);
    const users = await v2('GET', `/footer-comments/${footerId}/likes/users`);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{id}/likes/users', 200, users.body);
    assert.deepEqual(
      (users.body as List).results.map((item) => item.accountId),
      [await accountOf('dave')],
    );
    const withIncludes = await v2(
      'GET',
      `/inline-comments/${inlineId}?include-likes=true&include-versions=true&include-operations=true&include-properties=true`,
    );
    assert.equal(withIncludes.status, 200, withIncludes.text);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{comment-id}', 200, withIncludes.body);
    const included = withIncludes.body as Record<
      string,
      { results: Json[]; meta: Json; inlineMarkerRef?: string }
    >;
    assert.deepEqual(
      (included.likes?.results ?? []).map((item) => item.accountId),
      [await accountOf('dave'), await accountOf('erin')],
    );
    assert.deepEqual(included.likes?.meta, { hasMore: false });
    assert.deepEqual(
      (included.versions?.results ?? []).map((item) => item.number),
      [1],
    );
    assert.ok((included.operations?.results ?? []).some((item) => item.operation === 'read'));
    assert.deepEqual(included.properties?.results, []);
    assert.equal(included.properties?.inlineMarkerRef, field(inline.body, 'properties', 'inlineMarkerRef'));
    const footerIncludes = await v2('GET', `/footer-comments/${footerId}?include-likes=true`);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{comment-id}', 200, footerIncludes.body);
    assert.equal(field(footerIncludes.body, 'likes', 'results', 'length'), 1);
    assert.equal((footerIncludes.body as Json).versions, undefined);
    assertV2Error(await v2('GET', `/footer-comments/${footerId}?include-likes=maybe`), 400, 'BAD_REQUEST');
    // An inline comment is not found on the footer path, nor a blog post on the page path.
    assertV2Error(await v2('GET', `/footer-comments/${inlineId}/likes/count`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${post.id}/likes/count`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', '/pages/abc/likes/count'), 400, 'BAD_REQUEST');
  });

  it('shows likes only to those who may see the content, and lets only signed-in users like', async () => {
    const space = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'LIKHID', name: 'Hidden' },
    });
    assert.equal(space.status, 200, space.text);
    const page = await aPage(site, 'LIKHID', 'Private liked', { auth: carol });
    const id = Number(page.id);
    await like('carol', { id, kind: 'page' });
    assertV2Error(await v2('GET', `/pages/${id}/likes/count`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${id}/likes/users`, { auth: dave }), 404, 'NOT_FOUND');
    assert.equal((await v2('GET', `/pages/${id}/likes/count`, { auth: null })).status, 401);
    await assert.rejects(like('dave', { id, kind: 'page' }), { code: 'content_not_found' });
    await assert.rejects(likeContent(deps(), anonymousPrincipal, { id, kind: 'page' }), {
      code: 'permission_denied',
    });
    assert.deepEqual((await v2('GET', `/pages/${id}/likes/count`, { auth: carol })).body, { count: 1 });
  });
});
