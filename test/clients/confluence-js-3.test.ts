/**
 * confluence.js 3.x (the current line of the widely used Node client: v2 and v1 in one package, every
 * response validated by Zod schemas made from Atlassian's OpenAPI documents) driven against a running
 * Tributary as its README tells a user to: `host` = the bare site, Basic `email` + `apiToken`. Every call is
 * one of the library's own methods, unchanged; a field of the wrong type or a missing required one fails
 * the call with a SchemaMismatchError, so these tests also hold the wire shapes to the schemas the library
 * was generated from. Uploads go through its v1 methods: v2 has no upload endpoint.
 *
 * The library sends `Content-Type: application/json` on every body-less DELETE; those calls below are the
 * ones that failed before Tributary ignored the header on an empty body (issue 17, bug 1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createV1Client, createV2Client, isNotFoundError } from 'confluence.js';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const email = 'grace@example.com';

type V2 = ReturnType<typeof createV2Client>;
type V1 = ReturnType<typeof createV1Client>;

/** A user with an email (the library validates it) and an API token made as `tributary tokens create` does. */
async function clientsFor(site: TestServer): Promise<{ v2: V2; v1: V1 }> {
  const created = await site.request('POST', '/rest/api/admin/user', {
    json: { userName: 'grace', fullName: 'Grace Hopper', email, password: 'grace-password' },
  });
  assert.equal(created.status, 201, created.text);
  const { secret } = await createToken(site.server.site.services, systemPrincipal, {
    username: 'grace',
    name: 'confluence.js 3',
  });
  const config = { host: site.reachableUrl, auth: { type: 'basic' as const, email, apiToken: secret } };
  return { v2: createV2Client(config), v1: createV1Client(config) };
}

/** The library types every list's `results` as optional; Tributary always sends it. */
const resultsOf = <T>(page: { results?: T[] }): T[] => {
  assert.ok(page.results, 'a list without results');
  return page.results;
};

const storage = (value: string) => ({ representation: 'storage', value });

async function rejectsAsNotFound(call: Promise<unknown>): Promise<void> {
  await assert.rejects(call, (error: unknown) => isNotFoundError(error));
}

describe('confluence.js 3.x against Tributary', () => {
  let site: TestServer;
  let v2: V2;
  let v1: V1;
  let spaceId: string;

  before(async () => {
    site = await startTestServer();
    ({ v2, v1 } = await clientsFor(site));
    const space = await v2.space.createSpace({ body: { key: 'CJS3', name: 'confluence.js 3' } });
    spaceId = String(space.id);
  });
  after(() => site.dispose());

  it('creates a space with v2 and finds it by key and by id', async () => {
    const listed = await v2.space.getSpaces({ keys: ['CJS3'] });
    assert.deepEqual(
      resultsOf(listed).map((space) => space.key),
      ['CJS3'],
    );
    const space = await v2.space.getSpaceById({ id: Number(spaceId) });
    assert.equal(space.name, 'confluence.js 3');
  });

  it('creates a page, reads its storage body, updates it and reads each version', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Runbook', body: storage('<p>first</p>') },
    });
    const id = Number(page.id);
    const read = await v2.page.getPageById({ id, bodyFormat: 'storage' });
    assert.equal(read.body?.storage?.value, '<p>first</p>');

    const updated = await v2.page.updatePage({
      id,
      body: {
        id: String(id),
        status: 'current',
        title: 'Runbook',
        body: storage('<p>second</p>'),
        version: { number: 2, message: 'rewritten' },
      },
    });
    assert.equal(updated.version?.number, 2);

    const versions = await v2.version.getPageVersions({ id });
    assert.deepEqual(
      resultsOf(versions).map((version) => version.number),
      [2, 1],
    );
    const first = await v2.version.getPageVersionDetails({ pageId: id, versionNumber: 1 });
    assert.equal(first.number, 1);
    const second = await v2.version.getPageVersionDetails({ pageId: id, versionNumber: 2 });
    assert.equal(second.message, 'rewritten');

    const renamed = await v2.page.updatePageTitle({
      id,
      body: { status: 'current', title: 'Runbook (ops)' },
    });
    assert.equal(renamed.title, 'Runbook (ops)');
  });

  it('creates, updates, trashes and purges a blog post', async () => {
    const post = await v2.blogPost.createBlogPost({
      body: { spaceId, status: 'current', title: 'Release notes', body: storage('<p>1.0</p>') },
    });
    const id = Number(post.id);
    const updated = await v2.blogPost.updateBlogPost({
      id,
      body: {
        id: String(id),
        status: 'current',
        title: 'Release notes',
        body: storage('<p>1.1</p>'),
        version: { number: 2 },
      },
    });
    assert.equal(updated.version?.number, 2);
    await v2.blogPost.deleteBlogPost({ id });
    const trashed = await v2.blogPost.getBlogPostById({ id, status: ['trashed'] });
    assert.equal(trashed.status, 'trashed');
    await v2.blogPost.deleteBlogPost({ id, purge: true });
    await rejectsAsNotFound(v2.blogPost.getBlogPostById({ id, status: ['trashed'] }));
  });

  it('uploads attachments with the v1 methods, then lists, reads, versions, trashes and purges them with v2', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Files', body: storage('<p>files</p>') },
    });
    const pageId = Number(page.id);
    const uploaded = await v1.contentAttachments.createAttachment({
      id: String(pageId),
      attachments: { filename: 'notes.txt', content: 'version one\n' },
    });
    // Cloud paths show attachment ids as `att<n>`, on v1 as on v2.
    const attachmentId = String(uploaded.results[0]?.id);
    assert.match(attachmentId, /^att\d+$/);
    await v1.contentAttachments.createOrUpdateAttachments({
      id: String(pageId),
      attachments: { filename: 'notes.txt', content: 'version two\n' },
    });

    const listed = await v2.attachment.getPageAttachments({ id: pageId });
    assert.deepEqual(
      resultsOf(listed).map((attachment) => attachment.title),
      ['notes.txt'],
    );
    const cloudId = String(resultsOf(listed)[0]?.id);
    assert.equal(cloudId, attachmentId);
    const attachment = await v2.attachment.getAttachmentById({ id: cloudId });
    assert.equal(attachment.fileSize, 'version two\n'.length);
    const versions = await v2.version.getAttachmentVersions({ id: cloudId });
    assert.deepEqual(
      resultsOf(versions).map((version) => version.number),
      [2, 1],
    );

    await v2.attachment.deleteAttachment({ id: cloudId });
    const trashed = await v2.attachment.getPageAttachments({ id: pageId, status: ['trashed'] });
    assert.deepEqual(
      resultsOf(trashed).map((item) => item.id),
      [cloudId],
    );
    await v2.attachment.deleteAttachment({ id: cloudId, purge: true });
    await rejectsAsNotFound(v2.attachment.getAttachmentById({ id: cloudId }));
  });

  it('reads labels added with v1, and the pages that carry a label', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Labelled', body: storage('<p>l</p>') },
    });
    const id = Number(page.id);
    await v1.contentLabels.addLabelsToContent({
      id: String(id),
      body: [{ prefix: 'global', name: 'release' }],
    });
    const labels = await v2.label.getPageLabels({ id });
    assert.deepEqual(
      resultsOf(labels).map((label) => label.name),
      ['release'],
    );
    const labelId = Number(resultsOf(labels)[0]?.id);
    const pages = await v2.page.getLabelPages({ id: labelId });
    assert.deepEqual(
      resultsOf(pages).map((item) => item.title),
      ['Labelled'],
    );
  });

  it('creates, reads, updates and deletes a page property', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Properties', body: storage('<p>p</p>') },
    });
    const pageId = Number(page.id);
    const created = await v2.contentProperties.createPageProperty({
      pageId,
      key: 'owner',
      value: { team: 'ops' },
    });
    const propertyId = Number(created.id);
    const listed = await v2.contentProperties.getPageContentProperties({ pageId });
    assert.deepEqual(
      resultsOf(listed).map((property) => property.key),
      ['owner'],
    );
    const updated = await v2.contentProperties.updatePagePropertyById({
      pageId,
      propertyId,
      key: 'owner',
      value: { team: 'platform' },
      version: { number: 2 },
    });
    assert.deepEqual(updated.value, { team: 'platform' });
    await v2.contentProperties.deletePagePropertyById({ pageId, propertyId });
    await rejectsAsNotFound(v2.contentProperties.getPageContentPropertiesById({ pageId, propertyId }));
  });

  it('creates, reads, updates and deletes a footer comment', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Discussed', body: storage('<p>d</p>') },
    });
    const comment = await v2.comment.createFooterComment({
      pageId: String(page.id),
      body: storage('<p>Looks good</p>'),
    });
    const commentId = Number(comment.id);
    const onPage = await v2.comment.getPageFooterComments({ id: Number(page.id) });
    assert.deepEqual(
      resultsOf(onPage).map((item) => item.id),
      [String(commentId)],
    );
    const updated = await v2.comment.updateFooterComment({
      commentId,
      body: { version: { number: 2 }, body: storage('<p>Looks better</p>') },
    });
    assert.equal(updated.version?.number, 2);
    await v2.comment.deleteFooterComment({ commentId });
    await rejectsAsNotFound(v2.comment.getFooterCommentById({ commentId }));
  });

  it('trashes a page, finds it in the trash, and purges it', async () => {
    const page = await v2.page.createPage({
      body: { spaceId, status: 'current', title: 'Short-lived', body: storage('<p>s</p>') },
    });
    const id = Number(page.id);
    await v2.page.deletePage({ id });
    const trashed = await v2.page.getPages({ spaceId: [Number(spaceId)], status: ['trashed'] });
    assert.ok(resultsOf(trashed).some((item) => Number(item.id) === id));
    await v2.page.deletePage({ id, purge: true });
    await rejectsAsNotFound(v2.page.getPageById({ id, status: ['trashed'] }));
  });
});
