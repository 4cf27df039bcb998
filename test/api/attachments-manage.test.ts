import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachment, auditSummariesOf, blobFileExists, sha256Of } from '../support/attachment-probes.ts';
import { aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Results = { results: Json[]; size: number };

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];
const formHeaders = { ...noCheck, 'content-type': 'application/x-www-form-urlencoded' };

describe('updating, moving and deleting attachments on v1 and Data Center', () => {
  let site: TestServer;
  let pageA: string;
  let pageB: string;
  let blogPost: string;
  let hiddenPage: string;

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave']) {
      await aUser(site, name);
    }
    await aSpace(site, 'MGT');
    await aSpace(site, 'NEWS');
    pageA = String((await aPage(site, 'MGT', 'Page A')).id);
    pageB = String((await aPage(site, 'MGT', 'Page B')).id);
    blogPost = String((await aPage(site, 'NEWS', 'Launch', { type: 'blogpost' })).id);
    const hidden = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'HIDDEN', name: 'Hidden' },
    });
    assert.equal(hidden.status, 200, hidden.text);
    hiddenPage = String((await aPage(site, 'HIDDEN', 'Secret', { auth: carol })).id);
  });
  after(() => site.dispose());

  const read = async (id: string) => {
    const response = await site.request('GET', `/rest/api/content/${id}?expand=version,container`);
    assert.equal(response.status, 200, response.text);
    return response.body as Json;
  };
  const namesOn = async (pageId: string) => {
    const response = await site.request('GET', `/rest/api/content/${pageId}/child/attachment?limit=100`);
    return (response.body as Results).results.map((attachment) => attachment.title);
  };
  const versionsOf = async (id: string) => {
    const response = await site.request('GET', `/rest/api/content/${id}/version`);
    return (response.body as Results).results.map((version) => version.number);
  };
  const update = (pageId: string, id: string, json: Json, auth?: [string, string]) =>
    site.request('PUT', `/rest/api/content/${pageId}/child/attachment/${id}`, {
      json,
      ...(auth && { auth }),
    });
  /** What a failed change must leave as it was. */
  const snapshot = async (id: string) => {
    const attachment = await read(id);
    return {
      title: attachment.title,
      version: field(attachment, 'version', 'number'),
      container: field(attachment, 'container', 'id'),
      mediaType: field(attachment, 'extensions', 'mediaType'),
      comment: field(attachment, 'extensions', 'comment'),
    };
  };

  it('renames an attachment and changes its media type and comment as a new version of the same bytes', async () => {
    const created = await anAttachment(
      site,
      pageA,
      { name: 'draft.txt', content: 'hello' },
      { comment: 'sha:1' },
    );
    const id = String(created.id);
    const response = await update(pageA, id, {
      id,
      type: 'attachment',
      version: { number: 2 },
      title: 'final.md',
      metadata: { mediaType: 'text/markdown', comment: 'renamed' },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'dc',
      'PUT',
      '/rest/api/content/{id}/child/attachment/{attachmentId}',
      200,
      response.body,
    );
    const body = response.body as Json;
    assert.equal(body.id, id);
    assert.equal(body.title, 'final.md');
    assert.equal(field(body, 'version', 'number'), 2);
    assert.equal(field(body, 'metadata', 'mediaType'), 'text/markdown');
    assert.equal(field(body, 'extensions', 'comment'), 'renamed');
    assert.equal(field(body, 'extensions', 'fileSize'), 5);
    assert.equal(field(body, 'container', 'id'), pageA);
    assert.match(String(field(body, '_links', 'download')), /\/final\.md\?version=2&/);
    assert.equal(await sha256Of(site, id, 1), await sha256Of(site, id, 2));
    assert.deepEqual(await versionsOf(id), [2, 1]);

    // A change that names no comment keeps the one the file has (publishers keep a hash there).
    const again = await update(pageA, id, {
      id,
      type: 'attachment',
      version: { number: 3 },
      title: 'final.txt',
    });
    assert.equal(field(again.body, 'extensions', 'comment'), 'renamed');
    assert.equal(field(again.body, 'extensions', 'mediaType'), 'text/markdown');
    assert.deepEqual(await namesOn(pageA), ['final.txt']);
  });

  it('moves an attachment to a blog post in another space on Cloud paths, by att id', async () => {
    const created = await anAttachment(site, pageB, { name: 'travelling.txt', content: 'on the move' });
    const id = String(created.id);
    const comment = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'comment',
        container: { id, type: 'attachment' },
        body: { storage: { value: '<p>hi</p>' } },
      },
    });
    assert.equal(comment.status, 200, comment.text);
    const response = await site.request('PUT', `/wiki/rest/api/content/${pageB}/child/attachment/att${id}`, {
      json: {
        id: `att${id}`,
        type: 'attachment',
        version: { number: 2 },
        container: { id: blogPost, type: 'blogpost' },
      },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'cloud-v1',
      'PUT',
      '/wiki/rest/api/content/{id}/child/attachment/{attachmentId}',
      200,
      response.body,
    );
    assert.equal((response.body as Json).id, `att${id}`);
    assert.equal(field(response.body, 'container', 'id'), blogPost);
    assert.equal(field(response.body, 'extensions', 'collectionName'), `contentId-${blogPost}`);
    assert.ok(!(await namesOn(pageB)).includes('travelling.txt'));
    assert.ok((await namesOn(blogPost)).includes('travelling.txt'));
    const download = await site.request('GET', `/download/attachments/${blogPost}/travelling.txt`);
    assert.equal(download.text, 'on the move');
    // The comment on the file moves with it, so the new space's permissions govern it too.
    const moved = await site.server.site.services.store.content.findById(Number((comment.body as Json).id));
    const blog = await site.server.site.services.store.content.findById(Number(blogPost));
    assert.equal(moved?.spaceId, blog?.spaceId);
  });

  it('moves and renames with the DC move operation, answering 204', async () => {
    const created = await anAttachment(site, pageB, { name: 'mover.txt', content: 'dc move' });
    const id = String(created.id);
    const moved = await site.request(
      'POST',
      `/rest/api/content/${pageB}/child/attachment/${id}/move?newContentId=${pageA}&newName=arrived.txt`,
      { headers: noCheck },
    );
    assert.equal(moved.status, 204, moved.text);
    assert.equal(moved.text, '');
    const after = await snapshot(id);
    assert.deepEqual([after.title, after.container, after.version], ['arrived.txt', pageA, 2]);

    // As a form post (the XSRF-protected kind), a rename in place.
    const renamed = await site.request(
      'POST',
      `/rest/api/content/${pageA}/child/attachment/${id}/move?newContentId=${pageA}&newName=settled.txt`,
      { headers: formHeaders, body: '' },
    );
    assert.equal(renamed.status, 204, renamed.text);
    assert.equal((await snapshot(id)).title, 'settled.txt');
    const unprotected = await site.request(
      'POST',
      `/rest/api/content/${pageA}/child/attachment/${id}/move?newName=x.txt`,
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' },
    );
    assert.equal(unprotected.status, 403);
    assert.equal(unprotected.text, 'XSRF check failed');
    assert.equal((await snapshot(id)).title, 'settled.txt');
  });

  it('refuses stale versions, taken names, bad titles and bad targets, changing nothing', async () => {
    const created = await anAttachment(
      site,
      pageA,
      { name: 'steady.txt', content: 'steady' },
      { comment: 'c1' },
    );
    await anAttachment(site, pageA, { name: 'taken.txt', content: 'taken' });
    await anAttachment(site, pageB, { name: 'steady.txt', content: 'namesake' });
    const other = await anAttachment(site, pageB, { name: 'elsewhere.txt', content: 'elsewhere' });
    const id = String(created.id);
    const before = await snapshot(id);
    const base = { id, type: 'attachment' };

    assertRestError(
      await update(pageA, id, { ...base, version: { number: 1 } }),
      409,
      /Current version is: 1/,
    );
    assertRestError(await update(pageA, id, { ...base, version: { number: 5 }, title: 'x.txt' }), 409);
    assertRestError(await update(pageA, id, { ...base, title: 'x.txt' }), 400, /version\.number/);
    const duplicate = assertRestError(
      await update(pageA, id, { ...base, version: { number: 2 }, title: 'taken.txt' }),
      400,
    );
    assert.equal(
      duplicate.message,
      'Cannot add a new attachment with same file name as an existing attachment: taken.txt',
    );
    assertRestError(
      await update(pageA, id, { ...base, version: { number: 2 }, container: { id: pageB, type: 'page' } }),
      400,
      /same file name as an existing attachment: steady\.txt/,
    );
    assertRestError(
      await update(pageA, id, { ...base, version: { number: 2 }, title: 'a/b.txt' }),
      400,
      /\//,
    );
    assertRestError(
      await update(pageA, id, { ...base, version: { number: 2 }, metadata: { mediaType: 'not a type' } }),
      400,
      /mediaType/,
    );
    assertRestError(
      await update(pageA, id, {
        ...base,
        version: { number: 2 },
        container: { id: '987654321', type: 'page' },
      }),
      404,
    );
    assertRestError(
      await update(pageA, id, {
        ...base,
        version: { number: 2 },
        container: { id: String(other.id), type: 'page' },
      }),
      403,
      /page or a blog post/,
    );
    // The attachment sits on page A, not B; and a page id is not an attachment id.
    assertRestError(await update(pageB, id, { ...base, version: { number: 2 }, title: 'y.txt' }), 404);
    assertRestError(
      await update(pageA, pageB, { id: pageB, type: 'attachment', version: { number: 2 } }),
      404,
    );
    const moveTo = (target: string) =>
      site.request('POST', `/rest/api/content/${pageA}/child/attachment/${id}/move?newContentId=${target}`, {
        headers: noCheck,
      });
    assertRestError(await moveTo('987654321'), 404);
    assertRestError(await moveTo(pageB), 400, /same file name/);
    assertRestError(
      await site.request('POST', `/rest/api/content/${pageA}/child/attachment/${id}/move`, {
        headers: noCheck,
      }),
      400,
      /newContentId/,
    );

    assert.deepEqual(await snapshot(id), before);
    assert.deepEqual(await versionsOf(id), [1]);
    assert.ok(!(await namesOn(pageB)).includes('x.txt'));
  });

  it('answers 404 when the caller cannot see the page it moves to', async () => {
    const created = await anAttachment(site, pageA, { name: 'daves.txt', content: 'dave was here' });
    const id = String(created.id);
    const before = await snapshot(id);
    const response = await update(
      pageA,
      id,
      { id, type: 'attachment', version: { number: 2 }, container: { id: hiddenPage, type: 'page' } },
      dave,
    );
    assertRestError(response, 404, /No content found/);
    const dcMove = await site.request(
      'POST',
      `/rest/api/content/${pageA}/child/attachment/${id}/move?newContentId=${hiddenPage}`,
      { headers: noCheck, auth: dave },
    );
    assertRestError(dcMove, 404);
    assert.deepEqual(await snapshot(id), before);
    const secretFiles = await site.request('GET', `/rest/api/content/${hiddenPage}/child/attachment`, {
      auth: carol,
    });
    assert.equal((secretFiles.body as Results).size, 0);
  });

  it('moves an attachment to the trash through its container, and only through its container', async () => {
    const created = await anAttachment(site, pageA, { name: 'binned.txt', content: 'binned' });
    const id = String(created.id);
    const bytes = await sha256Of(site, id);
    const wrong = await site.request('DELETE', `/rest/api/content/${pageB}/child/attachment/${id}`);
    assertRestError(wrong, 404);
    assert.equal((await snapshot(id)).title, 'binned.txt');

    const deleted = await site.request('DELETE', `/rest/api/content/${pageA}/child/attachment/${id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(deleted.text, '');
    assert.ok(!(await namesOn(pageA)).includes('binned.txt'));
    const trashed = await site.request('GET', `/rest/api/content/${id}?status=trashed`);
    assert.equal((trashed.body as Json).status, 'trashed');
    // The bytes stay until the trash is purged.
    assert.equal(await blobFileExists(site, bytes), true);
    assertRestError(await site.request('DELETE', `/rest/api/content/${pageA}/child/attachment/${id}`), 404);
  });

  it('changes an attachment through PUT /content/{id} as through its container, keeping its comment', async () => {
    const created = await anAttachment(
      site,
      pageA,
      { name: 'generic.txt', content: 'g' },
      { comment: 'sha:g' },
    );
    const id = String(created.id);
    const renamed = await site.request('PUT', `/wiki/rest/api/content/att${id}`, {
      json: { id: `att${id}`, type: 'attachment', title: 'generic-2.txt', version: { number: 2 } },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((renamed.body as Json).title, 'generic-2.txt');
    assert.equal(field(renamed.body, 'extensions', 'comment'), 'sha:g');

    const moved = await site.request('PUT', `/rest/api/content/${id}`, {
      json: {
        id,
        type: 'attachment',
        version: { number: 3 },
        container: { id: pageB, type: 'page' },
        metadata: { comment: 'sha:h' },
      },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.equal((await snapshot(id)).container, pageB);
    assert.equal((await snapshot(id)).comment, 'sha:h');
    assert.ok((await namesOn(pageB)).includes('generic-2.txt'));

    // A metadata that is no object is refused, on either path, and changes nothing.
    const before = await snapshot(id);
    for (const path of [`/rest/api/content/${id}`, `/rest/api/content/${pageB}/child/attachment/${id}`]) {
      const refused = await site.request('PUT', path, {
        json: { id, type: 'attachment', version: { number: 4 }, metadata: 'x' },
      });
      assert.equal(refused.status, 400, `${path}: ${refused.text}`);
    }
    assert.deepEqual(await snapshot(id), before);
  });

  it('restores an attachment from the trash with its comment, unless its name was taken meanwhile', async () => {
    const created = await anAttachment(
      site,
      pageA,
      { name: 'again.txt', content: 'a1' },
      { comment: 'sha:a1' },
    );
    const id = String(created.id);
    const restore = (number: number) =>
      site.request('PUT', `/rest/api/content/${id}`, {
        json: { id, type: 'attachment', status: 'current', version: { number } },
      });
    assert.equal((await site.request('DELETE', `/rest/api/content/${id}`)).status, 204);
    const restored = await restore(2);
    assert.equal(restored.status, 200, restored.text);
    assert.equal((await snapshot(id)).comment, 'sha:a1');

    assert.equal((await site.request('DELETE', `/rest/api/content/${id}`)).status, 204);
    await anAttachment(site, pageA, { name: 'again.txt', content: 'a2' });
    const clash = await restore(3);
    assertRestError(clash, 400);
    assert.equal(
      (clash.body as Json).message,
      'Cannot add a new attachment with same file name as an existing attachment: again.txt',
    );
    assert.equal((await namesOn(pageA)).filter((name) => name === 'again.txt').length, 1);
    const stillTrashed = await site.request('GET', `/rest/api/content/${id}?status=trashed`);
    assert.equal((stillTrashed.body as Json).status, 'trashed');
  });

  it('deletes a historical version through its container, never the current one', async () => {
    const created = await anAttachment(site, pageA, { name: 'history.txt', content: 'history one' });
    const id = String(created.id);
    await anAttachment(site, pageA, { name: 'history.txt', content: 'history two' }, { method: 'PUT' });
    await anAttachment(site, pageA, { name: 'history.txt', content: 'history three' }, { method: 'PUT' });
    const firstBytes = await sha256Of(site, id, 1);
    const path = (container: string, version: number | string) =>
      `/rest/api/content/${container}/child/attachment/${id}/version/${version}`;

    assertRestError(await site.request('DELETE', path(pageA, 3)), 400, /current version/);
    assertRestError(await site.request('DELETE', path(pageB, 1)), 404);
    assertRestError(await site.request('DELETE', path(pageA, 9)), 404);
    assertRestError(await site.request('DELETE', path(pageA, 'one')), 400);
    assert.deepEqual(await versionsOf(id), [3, 2, 1]);
    assert.equal(await blobFileExists(site, firstBytes), true);

    const deleted = await site.request('DELETE', path(pageA, 1));
    assert.equal(deleted.status, 204, deleted.text);
    assert.deepEqual(await versionsOf(id), [3, 2]);
    const second = await site.request('GET', `/rest/api/content/${id}/download?version=2`);
    assert.equal(second.text, 'history two');
    assert.equal(await blobFileExists(site, firstBytes), false);
  });

  it('removes an attachment or one version with the legacy removeattachment action', async () => {
    const created = await anAttachment(site, pageB, { name: 'legacy report.txt', content: 'legacy one' });
    const id = String(created.id);
    await anAttachment(site, pageB, { name: 'legacy report.txt', content: 'legacy two' }, { method: 'PUT' });
    const action = (query: string, headers: Record<string, string> = formHeaders, body = '') =>
      site.request('POST', `/json/removeattachment.action?${query}`, { headers, body });
    const name = encodeURIComponent('legacy report.txt');

    assertRestError(await action(`pageId=${pageB}&fileName=${name}&version=2`), 400, /current version/);
    assertRestError(await action(`pageId=${pageB}&fileName=missing.txt`), 404);
    assertRestError(await action(`pageId=${pageB}`), 400, /fileName/);
    assertRestError(await action(`pageId=${pageA}&fileName=${name}`), 404);
    const unprotected = await action(`pageId=${pageB}&fileName=${name}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(unprotected.status, 403);
    assert.deepEqual(await versionsOf(id), [2, 1]);

    const oneVersion = await action(`pageId=${pageB}&fileName=${name}&version=1`);
    assert.equal(oneVersion.status, 200, oneVersion.text);
    assert.deepEqual(oneVersion.body, {
      status: 'success',
      message: "Version 1 of attachment 'legacy report.txt' deleted.",
    });
    assert.deepEqual(await versionsOf(id), [2]);

    // The fields may also come as a form body.
    const whole = await action('', formHeaders, `pageId=${pageB}&fileName=${name}`);
    assert.equal(whole.status, 200, whole.text);
    assert.equal(field(whole.body, 'status'), 'success');
    assert.ok(!(await namesOn(pageB)).includes('legacy report.txt'));
    const trashed = await site.request('GET', `/rest/api/content/${id}?status=trashed`);
    assert.equal((trashed.body as Json).status, 'trashed');
  });

  it('records an audit entry for every change', async () => {
    const created = await anAttachment(site, pageA, { name: 'audited.txt', content: 'audited v1' });
    const id = String(created.id);
    await anAttachment(site, pageA, { name: 'audited.txt', content: 'audited v2' }, { method: 'PUT' });
    await update(pageA, id, { id, type: 'attachment', version: { number: 3 }, title: 'audited-renamed.txt' });
    await site.request(
      'POST',
      `/rest/api/content/${pageA}/child/attachment/${id}/move?newContentId=${pageB}`,
      {
        headers: noCheck,
      },
    );
    await site.request('DELETE', `/rest/api/content/${pageB}/child/attachment/${id}/version/1`);
    await site.request('DELETE', `/rest/api/content/${pageB}/child/attachment/${id}`);
    assert.deepEqual(await auditSummariesOf(site, id), [
      'Attachment created',
      'Attachment version added',
      'Attachment updated',
      'Attachment moved',
      'Attachment version deleted',
      'Attachment moved to trash',
    ]);
  });

  it("expands an attachment's history: the versions beside the one shown and who made its versions; refuses a status the update cannot give", async () => {
    const created = await anAttachment(
      site,
      pageA,
      { name: 'expanded-history.txt', content: 'h1' },
      { comment: 'one' },
    );
    const id = String(created.id);
    const renamed = await update(pageA, id, {
      id,
      type: 'attachment',
      version: { number: 2 },
      title: 'expanded-history-2.txt',
    });
    assert.equal(renamed.status, 200, renamed.text);
    const history = await site.request(
      'GET',
      `/wiki/rest/api/content/att${id}?expand=history.previousVersion,history.contributors`,
    );
    assert.equal(history.status, 200, history.text);
    assert.equal(field(history.body, 'history', 'previousVersion', 'number'), 1);
    assert.equal(field(history.body, 'history', 'previousVersion', 'message'), 'one');
    const publishers = field(history.body, 'history', 'contributors', 'publishers') as { users: Json[] };
    assert.deepEqual(
      publishers.users.map((user) => user.displayName),
      [field(history.body, 'history', 'createdBy', 'displayName')],
    );
    const first = await anAttachment(site, pageA, { name: 'first-only.txt', content: 'f' });
    const none = await site.request('GET', `/rest/api/content/${first.id}?expand=history.previousVersion`);
    assert.equal('previousVersion' in (field(none.body, 'history') as Json), false);

    // An older version's history looks around that version: none before the first, the current after it.
    const third = await update(pageA, id, {
      id,
      type: 'attachment',
      version: { number: 3 },
      title: 'h-3.txt',
    });
    assert.equal(third.status, 200, third.text);
    const historyOf = async (version: number) => {
      const response = await site.request(
        'GET',
        `/rest/api/content/${id}?version=${version}&expand=history.previousVersion,history.nextVersion`,
      );
      assert.equal(response.status, 200, response.text);
      const shown = field(response.body, 'history') as Json;
      const number = (key: string) => (shown[key] as { number?: number } | undefined)?.number;
      return { previous: number('previousVersion'), next: number('nextVersion') };
    };
    assert.deepEqual(await historyOf(1), { previous: undefined, next: 2 });
    assert.deepEqual(await historyOf(2), { previous: 1, next: 3 });
    assert.deepEqual(await historyOf(3), { previous: 2, next: undefined });

    // A status the update cannot give is refused, not ignored with a new version.
    const trashing = await site.request('PUT', `/rest/api/content/${id}`, {
      json: { id, type: 'attachment', status: 'trashed', version: { number: 4 }, title: 'h-3.txt' },
    });
    assert.equal(trashing.status, 400, trashing.text);
    assert.equal(field((await site.request('GET', `/rest/api/content/${id}`)).body, 'version', 'number'), 3);
  });

  it('serves v1 labels and properties on attachment ids, plain and att-prefixed', async () => {
    const created = await anAttachment(site, pageA, { name: 'labelled.txt', content: 'labelled' });
    const id = String(created.id);
    const added = await site.request('POST', `/wiki/rest/api/content/att${id}/label`, {
      json: [{ prefix: 'global', name: 'reviewed' }],
    });
    assert.equal(added.status, 200, added.text);
    const labels = await site.request('GET', `/rest/api/content/${id}/label`);
    assert.equal(labels.status, 200, labels.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/label', 200, labels.body);
    assert.deepEqual(
      (labels.body as Results).results.map((label) => label.name),
      ['reviewed'],
    );
    const property = await site.request('POST', `/rest/api/content/${id}/property`, {
      json: { key: 'publisher', value: { hash: 'sha256:abc' } },
    });
    assert.equal(property.status, 200, property.text);
    const cloudRead = await site.request('GET', `/wiki/rest/api/content/att${id}/property/publisher`);
    assert.equal(cloudRead.status, 200, cloudRead.text);
    assert.deepEqual((cloudRead.body as Json).value, { hash: 'sha256:abc' });
    assert.match(
      String(field(cloudRead.body, '_links', 'self')),
      new RegExp(`/content/att${id}/property/publisher$`),
    );
    const dcRead = await site.request('GET', `/rest/api/content/${id}/property/publisher`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/property/{key}', 200, dcRead.body);
    // Nested in the attachment itself, as publishers read their hash back in one request.
    const withProperty = await site.request(
      'GET',
      `/rest/api/content/${id}?expand=metadata.properties.publisher,metadata.properties.absent`,
    );
    assert.deepEqual(field(withProperty.body, 'metadata', 'properties', 'publisher', 'value'), {
      hash: 'sha256:abc',
    });
    assert.equal(field(withProperty.body, 'metadata', 'properties', 'publisher', 'version', 'number'), 1);
    assert.equal(field(withProperty.body, 'metadata', 'properties', 'absent'), undefined);
    assert.equal(
      (await site.request('DELETE', `/wiki/rest/api/content/att${id}/label/reviewed`)).status,
      204,
    );
    assert.equal(((await site.request('GET', `/rest/api/content/att${id}/label`)).body as Results).size, 0);
  });
});
