/**
 * confluence.js 2.1.0 (a widely used Node client for Confluence Cloud; installed as `confluence.js-2` beside
 * the 3.x line, whose suite is confluence-js-3.test.ts) driven against a running Tributary, configured
 * as its README tells a user to: `host` = the site, Basic `email` + `apiToken`. It calls Cloud paths
 * (`/wiki/rest/api/...`): every v1 call below is one of the library's own methods, unchanged (issue 4,
 * item 11).
 *
 * confluence.js 2.1.0 has no v2 methods (its README and `dist/esm/types/api` list only the v1 groups). A
 * user who wants v2 reads with it builds a client on the exported `BaseClient`, as the README's "Tree
 * Shaking" section shows, with `apiPrefix: '/wiki/api/v2'`, and calls its public `sendRequest`: the
 * library's own transport (auth header, axios, error mapping) with the path written by hand. The second
 * suite does exactly that; its uploads, labels, properties and restore stay on the v1 methods because v2
 * has no endpoint for them (api-reference.md §2).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BaseClient, type Client, ConfluenceClient } from 'confluence.js-2';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const email = 'ada@example.com';
const password = 'ada-password';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What confluence.js rejects with on an HTTP error: the parsed response body (`sendRequest` rethrows it). */
function statusOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  if ('statusCode' in error) return error.statusCode;
  // v2 bodies: {errors: [{status, code, title}]}
  if ('errors' in error && Array.isArray(error.errors))
    return (error.errors[0] as { status?: unknown })?.status;
  return error;
}

interface Setup {
  site: TestServer;
  /** The v1 client, exactly as the README builds it. */
  client: ConfluenceClient;
  /** The library's transport with another prefix (`/wiki/api/v2`, or `/wiki` for `_links.download`). */
  rawClient(apiPrefix: string): Client;
}

/**
 * A site with a user who has an email: confluence.js validates `email` as an email address before it
 * sends anything, so `admin` (no email) cannot sign in with it. The token is made as
 * `tributary tokens create ada` makes it; no endpoint hands out token secrets.
 */
async function siteWithClient(): Promise<Setup> {
  const site = await startTestServer();
  const created = await site.request('POST', '/rest/api/admin/user', {
    json: { userName: 'ada', fullName: 'Ada Lovelace', email, password },
  });
  assert.equal(created.status, 201, created.text);
  const { secret } = await createToken(site.server.site.services, systemPrincipal, {
    username: 'ada',
    name: 'confluence.js',
  });
  const authentication = { basic: { email, apiToken: secret } };
  return {
    site,
    client: new ConfluenceClient({ host: site.reachableUrl, authentication }),
    rawClient: (apiPrefix) => new BaseClient({ host: site.reachableUrl, apiPrefix, authentication }),
  };
}

/** A page in a new space, both made with the library's methods. */
async function aSpaceWithPage(client: ConfluenceClient, key: string): Promise<string> {
  await client.space.createSpace({ key, name: `${key} space` });
  const page = await client.content.createContent({
    type: 'page',
    title: 'Quarterly report',
    space: { key },
    body: { storage: { value: '<p>See the attachments.</p>', representation: 'storage' } },
  });
  return page.id;
}

const first = new TextEncoder().encode('first version of the report\n');
const second = new Uint8Array(256 * 1024).map((_, n) => (n * 31 + 7) % 256);

describe('confluence.js 2.1.0 on the Cloud v1 paths', () => {
  let setup: Setup;
  let client: ConfluenceClient;
  let pageId = '';
  let attachmentId = '';

  before(async () => {
    setup = await siteWithClient();
    client = setup.client;
  });
  after(() => setup.site.dispose());

  it('refuses a login that is not an email before sending anything, so users need an account with an email', () => {
    assert.throws(
      () =>
        new ConfluenceClient({
          host: setup.site.reachableUrl,
          authentication: { basic: { email: 'admin', apiToken: 'secret' } },
        }),
      /email/i,
    );
  });

  it('signs in with the API token, and with the password in its place, as users.getCurrentUser shows', async () => {
    const withToken = await client.users.getCurrentUser();
    assert.equal(withToken.email, email);
    const withPassword = new ConfluenceClient({
      host: setup.site.reachableUrl,
      authentication: { basic: { email, apiToken: password } },
    });
    assert.equal((await withPassword.users.getCurrentUser()).email, email);
  });

  it('creates a space with space.createSpace', async () => {
    const space = await client.space.createSpace({ key: 'CJS', name: 'confluence.js' });
    assert.equal(space.key, 'CJS');
    assert.equal(space.name, 'confluence.js');
  });

  it('creates a page with content.createContent', async () => {
    const page = await client.content.createContent({
      type: 'page',
      title: 'Quarterly report',
      space: { key: 'CJS' },
      body: { storage: { value: '<p>See the attachment.</p>', representation: 'storage' } },
    });
    assert.equal(page.title, 'Quarterly report');
    assert.match(page.id, /^\d+$/);
    pageId = page.id;
  });

  it('uploads an attachment with contentAttachments.createAttachments and reads back what clients parse', async () => {
    const uploaded = await client.contentAttachments.createAttachments({
      id: pageId,
      attachments: {
        file: Buffer.from(first),
        filename: 'report.txt',
        contentType: 'text/plain',
        minorEdit: false,
        comment: 'first draft ✓',
      },
    });
    assert.equal(uploaded.size, 1);
    const [attachment] = uploaded.results;
    assert.ok(attachment);
    assert.match(attachment.id, /^att\d+$/);
    assert.equal(attachment.title, 'report.txt');
    assert.equal(attachment.version.number, 1);
    assert.equal(attachment.container.id, pageId);
    assert.equal(attachment.extensions.fileSize, first.byteLength);
    assert.equal(attachment.extensions.mediaType, 'text/plain');
    assert.equal(attachment.metadata.mediaType, 'text/plain');
    assert.equal(attachment.extensions.comment, 'first draft ✓');
    assert.match(
      attachment.extensions.fileId,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    assert.equal(attachment.extensions.collectionName, `contentId-${pageId}`);
    assert.match(
      String(attachment._links.download),
      new RegExp(`^/download/attachments/${pageId}/report\\.txt\\?`),
    );
    attachmentId = attachment.id;
  });

  it('lists only the uploaded file with contentAttachments.getAttachments, not its comment and minorEdit parts', async () => {
    // The library sends `comment` and `minorEdit` as parts with a filename (clients.md): text all the same.
    const listed = await client.contentAttachments.getAttachments({ id: pageId });
    assert.deepEqual(
      listed.results.map((attachment) => [attachment.id, attachment.title]),
      [[attachmentId, 'report.txt']],
    );
    const byName = await client.contentAttachments.getAttachments({ id: pageId, filename: 'report.txt' });
    assert.equal(byName.size, 1);
  });

  it('refuses a second createAttachments of the same name with the message clients match', async () => {
    await assert.rejects(
      client.contentAttachments.createAttachments({
        id: pageId,
        attachments: { file: Buffer.from(second), filename: 'report.txt', minorEdit: false },
      }),
      (error: { statusCode?: number; message?: string }) =>
        error.statusCode === 400 &&
        (error.message ?? '').includes('same file name as an existing attachment'),
    );
  });

  it('uploads version 2 with contentAttachments.updateAttachmentData', async () => {
    const updated = await client.contentAttachments.updateAttachmentData({
      id: pageId,
      attachmentId,
      attachment: {
        file: Buffer.from(second),
        filename: 'report.txt',
        contentType: 'application/octet-stream',
        minorEdit: true,
        comment: 'second draft',
      },
    });
    assert.equal(updated.id, attachmentId);
    assert.equal(updated.version.number, 2);
    assert.equal(updated.extensions.fileSize, second.byteLength);
    assert.equal(updated.extensions.comment, 'second draft');
  });

  it('adds version 3 by file name with contentAttachments.createOrUpdateAttachments', async () => {
    const updated = await client.contentAttachments.createOrUpdateAttachments({
      id: pageId,
      attachments: { file: Buffer.from(first), filename: 'report.txt', minorEdit: false },
    });
    const [attachment] = updated.results;
    assert.equal(attachment?.id, attachmentId);
    assert.equal(attachment?.version.number, 3);
  });

  it('reads the versions newest first with contentVersions.getContentVersions and getContentVersion', async () => {
    const versions = await client.contentVersions.getContentVersions({ id: attachmentId });
    assert.deepEqual(
      versions.results.map((version) => [version.number, version.message]),
      [
        [3, ''],
        [2, 'second draft'],
        [1, 'first draft ✓'],
      ],
    );
    const two = await client.contentVersions.getContentVersion({ id: attachmentId, versionNumber: 2 });
    assert.equal(two.number, 2);
    assert.equal(two.minorEdit, true);
  });

  it('downloads each version byte for byte with contentAttachments.downloadAttachment', async () => {
    for (const [version, expected] of [
      [1, first],
      [2, second],
      [3, first],
    ] as const) {
      const bytes = await client.contentAttachments.downloadAttachment({ id: pageId, attachmentId, version });
      assert.equal(sha256(bytes), sha256(expected), `version ${version}`);
    }
    const latest = await client.contentAttachments.downloadAttachment({ id: pageId, attachmentId });
    assert.equal(sha256(latest), sha256(first));
  });

  it('downloads each version from _links.download with the same credentials', async () => {
    // `_links.download` is relative to `_links.base` (`…/wiki`), so the transport's prefix is `/wiki`.
    const servlet = setup.rawClient('/wiki');
    for (const [version, expected] of [
      [1, first],
      [2, second],
      [3, first],
    ] as const) {
      const attachment = await client.content.getContentById({ id: attachmentId, version });
      assert.equal(attachment.version?.number, version);
      const link = attachment._links?.download;
      assert.ok(typeof link === 'string', 'the attachment has a download link');
      const bytes = await servlet.sendRequest<Buffer>({
        url: link,
        method: 'GET',
        responseType: 'arraybuffer',
      });
      assert.equal(sha256(bytes), sha256(expected), `version ${version}`);
    }
  });

  it('labels the attachment with contentLabels.addLabelsToContent', async () => {
    const added = await client.contentLabels.addLabelsToContent({
      id: attachmentId,
      body: [{ prefix: 'global', name: 'quarterly' }],
    });
    assert.deepEqual(
      added.results.map((label) => label.name),
      ['quarterly'],
    );
    const read = await client.contentLabels.getLabelsForContent({ id: attachmentId });
    assert.deepEqual(
      read.results.map((label) => [label.prefix, label.name]),
      [['global', 'quarterly']],
    );
  });

  it('sets a content property on the attachment with contentProperties.createContentProperty', async () => {
    const created = await client.contentProperties.createContentProperty({
      id: attachmentId,
      key: 'checksum',
      value: { sha256: sha256(first) },
    });
    assert.equal(created.key, 'checksum');
    const read = await client.contentProperties.getContentProperty({ id: attachmentId, key: 'checksum' });
    assert.deepEqual(read.value, { sha256: sha256(first) });
    assert.equal(read.version?.number, 1);
  });

  it('trashes the attachment with content.deleteContent, hiding it from the list', async () => {
    await client.content.deleteContent({ id: attachmentId });
    const listed = await client.contentAttachments.getAttachments({ id: pageId });
    assert.equal(listed.size, 0);
    const trashed = await client.content.getContentById({ id: attachmentId, status: ['trashed'] });
    assert.equal(trashed.status, 'trashed');
  });

  it('restores the attachment from the trash with content.updateContent and status current', async () => {
    const trashed = await client.content.getContentById({
      id: attachmentId,
      status: ['trashed'],
      expand: 'version',
    });
    const restored = await client.content.updateContent({
      id: attachmentId,
      type: 'attachment',
      title: trashed.title,
      statusBody: 'current',
      version: { number: (trashed.version?.number ?? 0) + 1 },
    });
    assert.equal(restored.status, 'current');
    const listed = await client.contentAttachments.getAttachments({ id: pageId });
    assert.deepEqual(
      listed.results.map((attachment) => attachment.id),
      [attachmentId],
    );
    const bytes = await client.contentAttachments.downloadAttachment({
      id: pageId,
      attachmentId,
      version: 2,
    });
    assert.equal(sha256(bytes), sha256(second), 'the restored attachment keeps its history');
  });

  it('purges the attachment with content.deleteContent, then again with status trashed', async () => {
    await client.content.deleteContent({ id: attachmentId });
    await client.content.deleteContent({ id: attachmentId, status: 'trashed' });
    await assert.rejects(
      client.content.getContentById({ id: attachmentId, status: ['any'] }),
      (error) => statusOf(error) === 404,
    );
    await assert.rejects(
      client.contentAttachments.downloadAttachment({ id: pageId, attachmentId, version: 1 }),
      (error) => {
        // Binary responses come back as raw bytes, errors included (responseType 'arraybuffer').
        const body = error instanceof Uint8Array ? JSON.parse(Buffer.from(error).toString('utf8')) : error;
        return statusOf(body) === 404;
      },
    );
  });
});

interface V2Attachment {
  id: string;
  status: string;
  title: string;
  pageId?: string;
  mediaType: string;
  comment: string;
  fileId: string;
  fileSize: number;
  downloadLink: string;
  version?: { number: number; message: string; minorEdit: boolean };
}

interface V2Collection<T> {
  results: T[];
  _links: { next?: string; base: string };
}

interface V2Included<T> {
  results: T[];
  meta: { hasMore: boolean };
}

describe('confluence.js 2.1.0 transport on the Cloud v2 paths, beside its v1 uploads', () => {
  let setup: Setup;
  let client: ConfluenceClient;
  let v2: Client;
  let pageId = '';
  let attachmentId = '';
  const get = <T>(url: string, params?: Record<string, unknown>) =>
    v2.sendRequest<T>({ url, method: 'GET', ...(params && { params }) });

  before(async () => {
    setup = await siteWithClient();
    client = setup.client;
    v2 = setup.rawClient('/wiki/api/v2');
    pageId = await aSpaceWithPage(client, 'CJS2');
  });
  after(() => setup.site.dispose());

  it('shows a v1 upload on /pages/{id}/attachments under the same id, file id and size', async () => {
    const uploaded = await client.contentAttachments.createAttachments({
      id: pageId,
      attachments: {
        file: Buffer.from(first),
        filename: 'report.txt',
        contentType: 'text/plain',
        minorEdit: false,
        comment: 'first draft',
      },
    });
    const [v1] = uploaded.results;
    assert.ok(v1);
    attachmentId = v1.id;
    const listed = await get<V2Collection<V2Attachment>>(`/pages/${pageId}/attachments`);
    assert.equal(listed.results.length, 1);
    const [attachment] = listed.results;
    assert.equal(attachment?.id, v1.id);
    assert.equal(attachment?.pageId, pageId);
    assert.equal(attachment?.fileId, v1.extensions.fileId);
    assert.equal(attachment?.fileSize, first.byteLength);
    assert.equal(attachment?.mediaType, 'text/plain');
    assert.equal(attachment?.comment, 'first draft');
    assert.equal(attachment?.version?.number, 1);
    assert.equal(listed._links.next, undefined, 'one page only');
  });

  it('pages through /pages/{id}/attachments by following _links.next to the end', async () => {
    await client.contentAttachments.createAttachments({
      id: pageId,
      attachments: ['b.txt', 'c.txt', 'd.txt', 'e.txt'].map((filename) => ({
        file: Buffer.from(filename),
        filename,
        minorEdit: false,
      })),
    });
    const titles: string[] = [];
    let next: string | undefined = `/pages/${pageId}/attachments?limit=2`;
    let pages = 0;
    while (next !== undefined) {
      // `_links.next` is site-relative and includes `/wiki/api/v2`; an absolute URL bypasses the prefix.
      const url: string = pages === 0 ? next : new URL(next, setup.site.reachableUrl).href;
      const page: V2Collection<V2Attachment> = await get(url);
      titles.push(...page.results.map((attachment) => attachment.title));
      next = page._links.next;
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.deepEqual([...titles].sort(), ['b.txt', 'c.txt', 'd.txt', 'e.txt', 'report.txt']);
  });

  it('reads the versions a v1 updateAttachmentData made from /attachments/{id}/versions, newest first', async () => {
    await client.contentAttachments.updateAttachmentData({
      id: pageId,
      attachmentId,
      attachment: { file: Buffer.from(second), filename: 'report.txt', minorEdit: true, comment: 'second' },
    });
    const versions = await get<V2Collection<{ number: number; message: string; attachment: { id: string } }>>(
      `/attachments/${attachmentId}/versions`,
    );
    assert.deepEqual(
      versions.results.map((version) => [version.number, version.message, version.attachment.id]),
      [
        [2, 'second', attachmentId],
        [1, 'first draft', attachmentId],
      ],
    );
    const detail = await get<{ number: number; prevVersion?: number; nextVersion?: number }>(
      `/attachments/${attachmentId}/versions/1`,
    );
    assert.equal(detail.number, 1);
    assert.equal(detail.nextVersion, 2);
    assert.equal(detail.prevVersion, undefined);
  });

  it('downloads each version from the downloadLink of /attachments/{id}?version=n', async () => {
    const servlet = setup.rawClient('/wiki');
    for (const [version, expected] of [
      [1, first],
      [2, second],
    ] as const) {
      const attachment = await get<V2Attachment>(`/attachments/${attachmentId}`, { version });
      assert.equal(attachment.version?.number, version);
      assert.equal(attachment.fileSize, expected.byteLength);
      const bytes = await servlet.sendRequest<Buffer>({
        url: attachment.downloadLink,
        method: 'GET',
        responseType: 'arraybuffer',
      });
      assert.equal(sha256(bytes), sha256(expected), `version ${version}`);
    }
  });

  it('includes the labels, properties and versions set through v1 in /attachments/{id}', async () => {
    await client.contentLabels.addLabelsToContent({
      id: attachmentId,
      body: [{ prefix: 'global', name: 'quarterly' }],
    });
    await client.contentProperties.createContentProperty({
      id: attachmentId,
      key: 'reviewed',
      value: { by: 'ada' },
    });
    const attachment = await get<
      V2Attachment & {
        labels: V2Included<{ name: string; prefix: string }>;
        properties: V2Included<{ key: string; value: unknown }>;
        versions: V2Included<{ number: number }>;
      }
    >(`/attachments/${attachmentId}`, {
      'include-labels': true,
      'include-properties': true,
      'include-versions': true,
    });
    assert.deepEqual(
      attachment.labels.results.map((label) => [label.prefix, label.name]),
      [['global', 'quarterly']],
    );
    assert.deepEqual(
      attachment.properties.results.map((property) => [property.key, property.value]),
      [['reviewed', { by: 'ada' }]],
    );
    assert.deepEqual(
      attachment.versions.results.map((version) => version.number),
      [2, 1],
    );
    const labels = await get<V2Collection<{ name: string }>>(`/attachments/${attachmentId}/labels`);
    assert.deepEqual(
      labels.results.map((label) => label.name),
      ['quarterly'],
    );
  });

  it('trashes with DELETE /attachments/{id} and lists the attachment only with status=trashed', async () => {
    await v2.sendRequest({ url: `/attachments/${attachmentId}`, method: 'DELETE' });
    const current = await get<V2Collection<V2Attachment>>(`/pages/${pageId}/attachments`, { limit: 250 });
    assert.ok(!current.results.some((attachment) => attachment.id === attachmentId));
    const trashed = await get<V2Collection<V2Attachment>>(`/pages/${pageId}/attachments`, {
      status: 'trashed',
    });
    assert.deepEqual(
      trashed.results.map((attachment) => [attachment.id, attachment.status]),
      [[attachmentId, 'trashed']],
    );
  });

  it('restores with the v1 content.updateContent, as v2 has no restore', async () => {
    const trashed = await client.content.getContentById({
      id: attachmentId,
      status: ['trashed'],
      expand: 'version',
    });
    await client.content.updateContent({
      id: attachmentId,
      type: 'attachment',
      title: trashed.title,
      statusBody: 'current',
      version: { number: (trashed.version?.number ?? 0) + 1 },
    });
    const attachment = await get<V2Attachment>(`/attachments/${attachmentId}`);
    assert.equal(attachment.status, 'current');
  });

  it('purges with DELETE /attachments/{id} and then DELETE ?purge=true', async () => {
    await v2.sendRequest({ url: `/attachments/${attachmentId}`, method: 'DELETE' });
    await v2.sendRequest({ url: `/attachments/${attachmentId}`, method: 'DELETE', params: { purge: true } });
    await assert.rejects(get(`/attachments/${attachmentId}`), (error) => statusOf(error) === 404);
    const trashed = await get<V2Collection<V2Attachment>>(`/pages/${pageId}/attachments`, {
      status: 'trashed',
    });
    assert.deepEqual(trashed.results, []);
  });
});
