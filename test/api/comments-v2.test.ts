import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachment } from '../support/attachment-probes.ts';
import { aPage, aSpace } from '../support/builders.ts';
import { assertRestError, assertV2Error } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Page = { results: Json[]; size: number; _links: Json };

const storage = (value: string) => ({ representation: 'storage', value });

describe('footer comments on Cloud v2, and comments on v1', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'CMT');
  });
  after(() => site.dispose());

  const comment = (json: Json) => site.request('POST', '/wiki/api/v2/footer-comments', { json });

  it('creates a footer comment on a page over v2 and reads the same comment on v1 and v2', async () => {
    const page = await aPage(site, 'CMT', 'Commented page');
    const created = await comment({ pageId: String(page.id), body: storage('<p>Nice page</p>') });
    assert.equal(created.status, 201, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/footer-comments', 201, created.body);
    const id = String((created.body as Json).id);
    assert.equal(field(created.body, 'pageId'), page.id);
    assert.equal(field(created.body, 'version', 'number'), 1);
    assert.equal(field(created.body, 'body', 'storage', 'value'), '<p>Nice page</p>');
    assert.equal(created.headers.get('location'), `${site.url}/wiki/api/v2/footer-comments/${id}`);

    const read = await site.request('GET', `/wiki/api/v2/footer-comments/${id}?body-format=storage`);
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{comment-id}', 200, read.body);
    assert.equal(field(read.body, 'body', 'storage', 'value'), '<p>Nice page</p>');
    assert.equal(field(read.body, 'title'), 'Re: Commented page');
    assert.equal(typeof field(read.body, 'version', 'authorId'), 'string');
    const bare = await site.request('GET', `/wiki/api/v2/footer-comments/${id}?include-version=false`);
    assert.deepEqual(field(bare.body, 'body'), {});
    assert.equal(field(bare.body, 'version'), undefined);
    const view = await site.request('GET', `/wiki/api/v2/footer-comments/${id}?body-format=view`);
    assert.equal(field(view.body, 'body', 'view', 'value'), '<p>Nice page</p>');

    const v1 = await site.request('GET', `/rest/api/content/${id}?expand=container,version,body.storage`);
    assert.equal(v1.status, 200, v1.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}', 200, v1.body);
    assert.equal(field(v1.body, 'type'), 'comment');
    assert.equal(field(v1.body, 'container', 'id'), page.id);
    assert.equal(field(v1.body, 'extensions', 'location'), 'footer');
    assert.equal(field(v1.body, 'version', 'when'), field(read.body, 'version', 'createdAt'));

    const onPage = await site.request(
      'GET',
      `/wiki/api/v2/pages/${page.id}/footer-comments?body-format=storage`,
    );
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/footer-comments', 200, onPage.body);
    assert.deepEqual(
      (onPage.body as Page).results.map((item) => item.id),
      [id],
    );
    const everywhere = await site.request('GET', '/wiki/api/v2/footer-comments');
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments', 200, everywhere.body);
    assert.ok((everywhere.body as Page).results.some((item) => item.id === id));
  });

  it('answers replies as children and comments on blog posts with blogPostId', async () => {
    const post = await aPage(site, 'CMT', 'Commented post', { type: 'blogpost' });
    const top = await comment({ blogPostId: String(post.id), body: { storage: storage('<p>Top</p>') } });
    assert.equal(top.status, 201, top.text);
    const topId = String((top.body as Json).id);
    assert.equal(field(top.body, 'blogPostId'), post.id);
    const reply = await comment({ parentCommentId: topId, body: storage('<p>Reply</p>') });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(field(reply.body, 'parentCommentId'), topId);
    assert.equal(field(reply.body, 'blogPostId'), post.id);

    const children = await site.request(
      'GET',
      `/wiki/api/v2/footer-comments/${topId}/children?body-format=storage`,
    );
    assertMatchesSpec('cloud-v2', 'GET', '/footer-comments/{id}/children', 200, children.body);
    assert.deepEqual(
      (children.body as Page).results.map((item) => field(item, 'body', 'storage', 'value')),
      ['<p>Reply</p>'],
    );
    const roots = await site.request('GET', `/wiki/api/v2/blogposts/${post.id}/footer-comments`);
    assertMatchesSpec('cloud-v2', 'GET', '/blogposts/{id}/footer-comments', 200, roots.body);
    assert.deepEqual(
      (roots.body as Page).results.map((item) => item.id),
      [topId],
    );
    const v1All = await site.request('GET', `/rest/api/content/${post.id}/child/comment?depth=all`);
    assert.equal((v1All.body as Page).size, 2);
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${post.id}/footer-comments`),
      404,
      'NOT_FOUND',
    );
  });

  it('updates with version current+1, answers 409 for a stale one, and purges on delete with the replies', async () => {
    const page = await aPage(site, 'CMT', 'Edited comments');
    const created = await comment({ pageId: String(page.id), body: storage('<p>v1</p>') });
    const id = String((created.body as Json).id);
    const reply = await comment({ parentCommentId: id, body: storage('<p>re</p>') });
    const replyId = String((reply.body as Json).id);

    const update = (number: number, value: string) =>
      site.request('PUT', `/wiki/api/v2/footer-comments/${id}`, {
        json: { version: { number, message: `edit ${number}` }, body: storage(value) },
      });
    const second = await update(2, '<p>v2</p>');
    assert.equal(second.status, 200, second.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/footer-comments/{comment-id}', 200, second.body);
    assert.equal(field(second.body, 'version', 'number'), 2);
    assert.equal(field(second.body, 'version', 'message'), 'edit 2');
    assertV2Error(await update(2, '<p>stale</p>'), 409, 'CONFLICT');
    const old = await site.request('GET', `/wiki/api/v2/footer-comments/${id}?version=1&body-format=storage`);
    assert.equal(field(old.body, 'body', 'storage', 'value'), '<p>v1</p>');
    const current = await site.request('GET', `/wiki/api/v2/footer-comments/${id}?body-format=storage`);
    assert.equal(field(current.body, 'body', 'storage', 'value'), '<p>v2</p>');

    assert.equal((await site.request('DELETE', `/wiki/api/v2/footer-comments/${id}`)).status, 204);
    assertV2Error(await site.request('GET', `/wiki/api/v2/footer-comments/${id}`), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', `/wiki/api/v2/footer-comments/${replyId}`), 404, 'NOT_FOUND');
    assertRestError(await site.request('GET', `/rest/api/content/${id}?status=any`), 404);
  });

  it('pages comments by cursor, with the Link header and no next at the end', async () => {
    const page = await aPage(site, 'CMT', 'Busy page');
    for (const text of ['a', 'b', 'c'])
      await comment({ pageId: String(page.id), body: storage(`<p>${text}</p>`) });
    const first = await site.request(
      'GET',
      `/wiki/api/v2/pages/${page.id}/footer-comments?limit=2&body-format=storage`,
    );
    assert.equal((first.body as Page).results.length, 2);
    assert.match(first.headers.get('link') ?? '', /rel="next"/);
    const next = String(field(first.body, '_links', 'next'));
    assert.match(next, /body-format=storage/);
    const second = await site.request('GET', next);
    assert.deepEqual(
      (second.body as Page).results.map((item) => field(item, 'body', 'storage', 'value')),
      ['<p>c</p>'],
    );
    assert.equal(field(second.body, '_links', 'next'), undefined);
    const newest = await site.request(
      'GET',
      `/wiki/api/v2/pages/${page.id}/footer-comments?sort=-created-date&limit=1&body-format=storage`,
    );
    assert.deepEqual(
      (newest.body as Page).results.map((item) => field(item, 'body', 'storage', 'value')),
      ['<p>c</p>'],
    );
  });

  it('filters v1 child comments by repeated location and depth, and keeps inline comments off /footer-comments', async () => {
    const page = await aPage(site, 'CMT', 'Located comments');
    const v1Comment = (location: string, value: string, parent?: unknown) =>
      site.request('POST', '/rest/api/content', {
        json: {
          type: 'comment',
          container: { id: page.id, type: 'page' },
          ...(parent !== undefined && { ancestors: [{ id: parent }] }),
          extensions: { location },
          body: { storage: { value, representation: 'storage' } },
        },
      });
    const footer = await v1Comment('footer', '<p>footer</p>');
    const inline = await v1Comment('inline', '<p>inline</p>');
    await v1Comment('footer', '<p>reply</p>', (footer.body as Json).id);
    const list = (query: string) => site.request('GET', `/rest/api/content/${page.id}/child/comment${query}`);

    const both = await list('?location=footer&location=inline');
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/child/comment', 200, both.body);
    assert.equal((both.body as Page).size, 2);
    assert.equal(((await list('?location=inline')).body as Page).size, 1);
    assert.equal(((await list('?location=footer,resolved&depth=all')).body as Page).size, 2);
    assert.equal(((await list('?location=resolved')).body as Page).size, 0);
    const cloud = await site.request(
      'GET',
      `/wiki/rest/api/content/${page.id}/child/comment?location=footer`,
    );
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}/child/comment', 200, cloud.body);
    assertRestError(await list('?location=sidebar'), 400);
    assertRestError(await list('?depth=deep'), 400);

    assertV2Error(
      await site.request('GET', `/wiki/api/v2/footer-comments/${(inline.body as Json).id}`),
      404,
      'NOT_FOUND',
    );
    const v2Roots = await site.request('GET', `/wiki/api/v2/pages/${page.id}/footer-comments`);
    assert.deepEqual(
      (v2Roots.body as Page).results.map((item) => item.id),
      [(footer.body as Json).id],
    );
  });

  it('comments on an attachment, named as Cloud writes its id', async () => {
    const page = await aPage(site, 'CMT', 'Commented file');
    const attachment = await anAttachment(site, String(page.id), { name: 'commented.txt', content: 'c' });
    const created = await comment({
      attachmentId: `att${attachment.id}`,
      body: storage('<p>on the file</p>'),
    });
    assert.equal(created.status, 201, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/footer-comments', 201, created.body);
    assert.equal((created.body as Json).attachmentId, `att${attachment.id}`);
    const listed = await site.request('GET', `/wiki/api/v2/attachments/att${attachment.id}/footer-comments`);
    assert.deepEqual(
      (listed.body as Page).results.map((item) => item.id),
      [(created.body as Json).id],
    );
  });

  it('answers bad input in the v2 shape and creates nothing', async () => {
    const page = await aPage(site, 'CMT', 'Guarded comments');
    const post = await aPage(site, 'CMT', 'Guarded post', { type: 'blogpost' });
    const cases: [Json, number, string][] = [
      [{ pageId: '999999', body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
      [{ pageId: String(post.id), body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
      [
        { pageId: String(page.id), blogPostId: String(post.id), body: storage('<p>x</p>') },
        400,
        'BAD_REQUEST',
      ],
      [{ body: storage('<p>x</p>') }, 400, 'BAD_REQUEST'],
      [{ pageId: String(page.id) }, 400, 'BAD_REQUEST'],
      [{ pageId: 'abc', body: storage('<p>x</p>') }, 400, 'BAD_REQUEST'],
      [{ pageId: String(page.id), body: { representation: 'pdf', value: 'x' } }, 400, 'BAD_REQUEST'],
      [{ attachmentId: 'att999999', body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
      [{ attachmentId: String(page.id), body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
      [{ attachmentId: 'attx', body: storage('<p>x</p>') }, 400, 'BAD_REQUEST'],
      [{ customContentId: String(page.id), body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
      [{ customContentId: 'abc', body: storage('<p>x</p>') }, 400, 'BAD_REQUEST'],
      [{ parentCommentId: '999999', body: storage('<p>x</p>') }, 404, 'NOT_FOUND'],
    ];
    for (const [json, status, code] of cases) assertV2Error(await comment(json), status, code);
    assertV2Error(
      await site.request('POST', '/wiki/api/v2/footer-comments', {
        body: '{"pageId":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(await site.request('GET', '/wiki/api/v2/footer-comments/999999'), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', `/wiki/api/v2/footer-comments/${page.id}`), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('PUT', '/wiki/api/v2/footer-comments/999999', {
        json: { version: { number: 2 }, body: storage('x') },
      }),
      404,
      'NOT_FOUND',
    );
    assertV2Error(await site.request('DELETE', '/wiki/api/v2/footer-comments/999999'), 404, 'NOT_FOUND');
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${page.id}/footer-comments?body-format=view`),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${page.id}/footer-comments?cursor=!!`),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${page.id}/footer-comments?limit=0`),
      400,
      'BAD_REQUEST',
    );
    const none = await site.request('GET', `/wiki/api/v2/pages/${page.id}/footer-comments`);
    assert.equal((none.body as Page).results.length, 0);
    const noneOnPost = await site.request('GET', `/wiki/api/v2/blogposts/${post.id}/footer-comments`);
    assert.equal((noneOnPost.body as Page).results.length, 0);
  });
});
