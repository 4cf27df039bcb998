import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

describe('inline comments on Cloud v2, anchored in the page body', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'INL');
  });
  after(() => site.dispose());

  const v2 = (method: string, path: string, options: Parameters<TestServer['request']>[2] = {}) =>
    site.request(method, `/wiki/api/v2${path}`, options);
  const bodyOf = async (id: unknown) => {
    const page = await site.request('GET', `/rest/api/content/${id}?expand=body.storage,version`);
    return page.body as { body: { storage: { value: string } }; version: { number: number } };
  };
  const inline = (json: Json, auth?: [string, string]) =>
    v2('POST', '/inline-comments', { json, ...(auth && { auth }) });

  it('wraps the chosen occurrence of the selection in a marker and stores the marker ref', async () => {
    const page = await aPage(site, 'INL', 'Anchored', {
      body: '<p>The cat sat. The cat ran.</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[cat]]></ac:plain-text-body></ac:structured-macro>',
    });
    const created = await inline({
      pageId: String(page.id),
      body: storage('<p>Which cat?</p>'),
      inlineCommentProperties: {
        textSelection: 'cat',
        textSelectionMatchCount: 2,
        textSelectionMatchIndex: 1,
      },
    });
    assert.equal(created.status, 201, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/inline-comments', 201, created.body);
    const comment = created.body as Json;
    const ref = String(field(comment, 'properties', 'inlineMarkerRef'));
    assert.match(ref, /^[0-9a-f-]{36}$/);
    assert.equal(field(comment, 'properties', 'inlineOriginalSelection'), 'cat');
    assert.equal(comment.resolutionStatus, 'open');
    assert.equal(comment.pageId, page.id);
    assert.equal(created.headers.get('location'), `${site.url}/wiki/api/v2/inline-comments/${comment.id}`);

    const stored = await bodyOf(page.id);
    assert.equal(stored.version.number, 2);
    assert.equal(
      stored.body.storage.value,
      `<p>The cat sat. The <ac:inline-comment-marker ac:ref="${ref}">cat</ac:inline-comment-marker> ran.</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[cat]]></ac:plain-text-body></ac:structured-macro>`,
    );

    const read = await v2('GET', `/inline-comments/${comment.id}?body-format=storage`);
    assert.equal(read.status, 200, read.text);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{comment-id}', 200, read.body);
    assert.equal(field(read.body, 'body', 'storage', 'value'), '<p>Which cat?</p>');
    assert.equal(field(read.body, 'properties', 'inlineMarkerRef'), ref);

    const v1 = await site.request('GET', `/rest/api/content/${comment.id}?expand=container`);
    assert.equal(field(v1.body, 'extensions', 'location'), 'inline');
    const v1Children = await site.request(
      'GET',
      `/rest/api/content/${page.id}/child/comment?location=inline`,
    );
    assert.deepEqual(
      (v1Children.body as List).results.map((item) => item.id),
      [comment.id],
    );
    // A footer comment path does not answer an inline comment, nor the other way round.
    assertV2Error(await v2('GET', `/footer-comments/${comment.id}`), 404, 'NOT_FOUND');
  });

  it('refuses a selection the body does not hold, and changes nothing', async () => {
    const page = await aPage(site, 'INL', 'Unanchored', { body: '<p>only once</p>' });
    const tries: Json[] = [
      { textSelection: 'missing' },
      { textSelection: 'once', textSelectionMatchIndex: 1 },
      { textSelection: 'once', textSelectionMatchCount: 3 },
      { textSelection: '' },
      { textSelection: 'once', textSelectionMatchIndex: -1 },
    ];
    for (const properties of tries) {
      const refused = await inline({
        pageId: String(page.id),
        body: storage('<p>?</p>'),
        inlineCommentProperties: properties,
      });
      assertV2Error(refused, 400, 'BAD_REQUEST');
    }
    assertV2Error(await inline({ pageId: String(page.id), body: storage('<p>?</p>') }), 400, 'BAD_REQUEST');
    assertV2Error(
      await inline({ pageId: String(page.id), inlineCommentProperties: { textSelection: 'once' } }),
      400,
      'BAD_REQUEST',
    );
    assert.equal((await bodyOf(page.id)).version.number, 1);
    const listed = await v2('GET', `/pages/${page.id}/inline-comments`);
    assert.deepEqual((listed.body as List).results, []);
  });

  it('lists by page and blog post, replies as children, and filters by resolution', async () => {
    const post = await aPage(site, 'INL', 'Post', { type: 'blogpost', body: '<p>alpha beta</p>' });
    const first = await inline({
      blogPostId: String(post.id),
      body: storage('<p>on alpha</p>'),
      inlineCommentProperties: { textSelection: 'alpha' },
    });
    assert.equal(first.status, 201, first.text);
    const firstId = String((first.body as Json).id);
    assert.equal((first.body as Json).blogPostId, post.id);
    const second = await inline({
      blogPostId: String(post.id),
      body: storage('<p>on beta</p>'),
      inlineCommentProperties: { textSelection: 'beta' },
    });
    const secondId = String((second.body as Json).id);
    const reply = await inline({ parentCommentId: firstId, body: storage('<p>reply</p>') }, carol);
    assert.equal(reply.status, 201, reply.text);
    assert.equal((reply.body as Json).parentCommentId, firstId);
    assert.equal(field(reply.body, 'properties', 'inlineOriginalSelection'), 'alpha');

    const onPost = await v2('GET', `/blogposts/${post.id}/inline-comments?body-format=storage`);
    assert.equal(onPost.status, 200, onPost.text);
    assertMatchesSpec('cloud-v2', 'GET', '/blogposts/{id}/inline-comments', 200, onPost.body);
    assert.deepEqual(
      (onPost.body as List).results.map((item) => item.id),
      [firstId, secondId],
    );
    const children = await v2('GET', `/inline-comments/${firstId}/children`);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{id}/children', 200, children.body);
    assert.deepEqual(
      (children.body as List).results.map((item) => item.id),
      [String((reply.body as Json).id)],
    );
    const all = await v2('GET', '/inline-comments?limit=250');
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments', 200, all.body);
    assert.ok((all.body as List).results.some((item) => item.id === secondId));

    const resolved = await v2('PUT', `/inline-comments/${firstId}`, {
      auth: carol,
      json: { resolved: true },
    });
    assert.equal(resolved.status, 200, resolved.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/inline-comments/{comment-id}', 200, resolved.body);
    assert.equal((resolved.body as Json).resolutionStatus, 'resolved');
    assert.equal(typeof (resolved.body as Json).resolutionLastModifierId, 'string');
    assert.equal(typeof (resolved.body as Json).resolutionLastModifiedAt, 'string');
    const onlyResolved = await v2('GET', `/blogposts/${post.id}/inline-comments?resolution-status=resolved`);
    assert.deepEqual(
      (onlyResolved.body as List).results.map((item) => item.id),
      [firstId],
    );
    const reopened = await v2('PUT', `/inline-comments/${firstId}`, { json: { resolved: false } });
    assert.equal((reopened.body as Json).resolutionStatus, 'reopened');
    const open = await v2('GET', `/blogposts/${post.id}/inline-comments?resolution-status=open,reopened`);
    assert.equal((open.body as List).results.length, 2);
    assertV2Error(
      await v2('GET', `/blogposts/${post.id}/inline-comments?resolution-status=closed`),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await v2('PUT', `/inline-comments/${String((reply.body as Json).id)}`, { json: { resolved: true } }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await v2('PUT', `/inline-comments/${firstId}`, { json: { resolved: 'yes' } }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(await v2('PUT', `/inline-comments/${firstId}`, { json: {} }), 400, 'BAD_REQUEST');
  });

  it('edits the body as versions, lists them, and shows one with its neighbours', async () => {
    const page = await aPage(site, 'INL', 'Versioned', { body: '<p>edit me</p>' });
    const created = await inline(
      {
        pageId: String(page.id),
        body: storage('<p>v1</p>'),
        inlineCommentProperties: { textSelection: 'edit' },
      },
      carol,
    );
    const id = String((created.body as Json).id);
    const edited = await v2('PUT', `/inline-comments/${id}`, {
      auth: carol,
      json: { version: { number: 2, message: 'fixed' }, body: storage('<p>v2</p>') },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(field(edited.body, 'version', 'number'), 2);
    assertV2Error(
      await v2('PUT', `/inline-comments/${id}`, {
        auth: carol,
        json: { version: { number: 2 }, body: storage('<p>x</p>') },
      }),
      409,
      'CONFLICT',
    );
    // Someone else may not rewrite carol's comment.
    assertV2Error(
      await v2('PUT', `/inline-comments/${id}`, {
        auth: dave,
        json: { version: { number: 3 }, body: storage('<p>x</p>') },
      }),
      403,
      'FORBIDDEN',
    );

    const versions = await v2('GET', `/inline-comments/${id}/versions?body-format=storage`);
    assert.equal(versions.status, 200, versions.text);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{id}/versions', 200, versions.body);
    assert.deepEqual(
      (versions.body as List).results.map((item) => [
        item.number,
        field(item, 'comment', 'body', 'storage', 'value'),
      ]),
      [
        [2, '<p>v2</p>'],
        [1, '<p>v1</p>'],
      ],
    );
    const one = await v2('GET', `/inline-comments/${id}/versions/1`);
    assert.equal(one.status, 200, one.text);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{id}/versions/{version-number}', 200, one.body);
    assert.equal((one.body as Json).nextVersion, 2);
    assert.equal((one.body as Json).prevVersion, undefined);
    assertV2Error(await v2('GET', `/inline-comments/${id}/versions/9`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/inline-comments/${id}/versions/x`), 400, 'BAD_REQUEST');
    const old = await v2('GET', `/inline-comments/${id}?version=1&body-format=storage`);
    assert.equal(field(old.body, 'body', 'storage', 'value'), '<p>v1</p>');

    const operations = await v2('GET', `/inline-comments/${id}/operations`, { auth: carol });
    assert.equal(operations.status, 200, operations.text);
    assertMatchesSpec('cloud-v2', 'GET', '/inline-comments/{id}/operations', 200, operations.body);

    const deleted = await v2('DELETE', `/inline-comments/${id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assertV2Error(await v2('GET', `/inline-comments/${id}`), 404, 'NOT_FOUND');
  });

  it('keeps footer comment versions too', async () => {
    const page = await aPage(site, 'INL', 'Footer versions');
    const created = await v2('POST', '/footer-comments', {
      json: { pageId: String(page.id), body: storage('<p>one</p>') },
    });
    const id = String((created.body as Json).id);
    const edited = await v2('PUT', `/footer-comments/${id}`, {
      json: { version: { number: 2 }, body: storage('<p>two</p>') },
    });
    assert.equal(edited.status, 200, edited.text);
    const versions = await v2('GET', `/footer-comments/${id}/versions?sort=modified-date&limit=1`);
    assert.equal(versions.status, 200, versions.text);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{id}/versions', 200, versions.body);
    assert.deepEqual(
      (versions.body as List).results.map((item) => item.number),
      [1],
    );
    assert.equal(typeof (versions.body as List)._links.next, 'string');
    const detail = await v2('GET', `/footer-comments/${id}/versions/2`);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{id}/versions/{version-number}', 200, detail.body);
    assert.equal((detail.body as Json).prevVersion, 1);
    assert.equal((detail.body as Json).number, 2);
    assertV2Error(await v2('GET', `/inline-comments/${id}/versions`), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/footer-comments/${id}/versions?sort=title`), 400, 'BAD_REQUEST');
  });

  it('hides inline comments on a page the caller may not see', async () => {
    const space = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'INLHID', name: 'Hidden' },
    });
    assert.equal(space.status, 200, space.text);
    const page = await aPage(site, 'INLHID', 'Private', { auth: carol, body: '<p>secret words</p>' });
    const created = await inline(
      {
        pageId: String(page.id),
        body: storage('<p>hm</p>'),
        inlineCommentProperties: { textSelection: 'secret' },
      },
      carol,
    );
    assert.equal(created.status, 201, created.text);
    const id = String((created.body as Json).id);
    assertV2Error(await v2('GET', `/inline-comments/${id}`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${page.id}/inline-comments`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/inline-comments/${id}/versions`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(await v2('DELETE', `/inline-comments/${id}`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(
      await inline(
        {
          pageId: String(page.id),
          body: storage('<p>x</p>'),
          inlineCommentProperties: { textSelection: 'words' },
        },
        dave,
      ),
      404,
      'NOT_FOUND',
    );
    const all = await v2('GET', '/inline-comments?limit=250', { auth: dave });
    assert.ok(!(all.body as List).results.some((item) => item.id === id));
    assert.equal((await v2('GET', '/inline-comments', { auth: null })).status, 401);
  });
});
