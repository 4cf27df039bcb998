import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachment, blobFileExists, sha256Of } from '../support/attachment-probes.ts';
import { anUpload, aPage, aSpace, multipartForm, noCheck } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';
import { type V2List, walkV2 } from '../support/v2-walk.ts';

type Json = Record<string, unknown>;
const carol: [string, string] = ['carol', 'carol-pw'];

describe('attachments on Cloud v2, uploaded through v1', () => {
  let site: TestServer;
  let pageId: string;
  let blogPostId: string;

  const v2 = (method: string, path: string, options?: RequestOptions) =>
    site.request(method, `/wiki/api/v2${path}`, options);
  const v2Json = async (path: string, template: string) => {
    const response = await v2('GET', path);
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v2', 'GET', template, 200, response.body);
    return response.body as Json;
  };
  const v2List = async (path: string, template: string) =>
    (await v2Json(path, template)) as unknown as V2List;
  const idsOf = (list: V2List) => list.results.map((item) => item.id);
  /** The attachment as Cloud v1 shows it. */
  const v1Attachment = async (id: unknown) => {
    const response = await site.request('GET', `/wiki/rest/api/content/att${String(id)}?expand=version`);
    assert.equal(response.status, 200, response.text);
    return response.body as Json;
  };

  before(async () => {
    site = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    const created = await site.request('POST', '/rest/api/admin/user', {
      json: {
        userName: 'carol',
        fullName: 'Carol Example',
        email: 'carol@example.com',
        password: 'carol-pw',
      },
    });
    assert.equal(created.status, 201, created.text);
    await aSpace(site, 'ATT');
    pageId = String((await aPage(site, 'ATT', 'Files')).id);
    blogPostId = String((await aPage(site, 'ATT', 'News', { type: 'blogpost' })).id);
  });
  after(() => site.dispose());

  it('shows v1 uploads with the same ids, version numbers, times, file ids and links', async () => {
    const upload = await anUpload(
      site,
      pageId,
      [
        { name: 'notes.txt', content: 'plain notes', type: 'text/plain' },
        { name: 'blob.bin', content: new Uint8Array([0, 1, 2, 250]) },
      ],
      { fields: [['comment', 'first – ünïcode']] },
    );
    assert.equal(upload.status, 200, upload.text);
    const [notes, blob] = (upload.body as { results: Json[] }).results;
    const list = await v2List(`/pages/${pageId}/attachments`, '/pages/{id}/attachments');
    assert.deepEqual(idsOf(list), [`att${notes?.id}`, `att${blob?.id}`]);

    const shown = list.results[0];
    const v1 = await v1Attachment(notes?.id);
    assert.equal(shown?.status, 'current');
    assert.equal(shown?.title, 'notes.txt');
    assert.equal(shown?.pageId, pageId);
    assert.equal(shown?.createdAt, field(v1, 'version', 'when'));
    assert.equal(field(shown, 'version', 'createdAt'), field(v1, 'version', 'when'));
    assert.equal(field(shown, 'version', 'number'), 1);
    assert.equal(field(shown, 'version', 'message'), 'first – ünïcode');
    assert.equal(field(shown, 'version', 'authorId'), field(v1, 'version', 'by', 'accountId'));
    assert.equal(shown?.comment, field(v1, 'extensions', 'comment'));
    assert.equal(shown?.fileId, field(v1, 'extensions', 'fileId'));
    assert.equal(shown?.fileSize, 11);
    assert.equal(shown?.mediaType, 'text/plain');
    assert.equal(shown?.mediaTypeDescription, 'Text File');
    assert.equal(shown?.downloadLink, field(v1, '_links', 'download'));
    assert.equal(field(shown, '_links', 'download'), shown?.downloadLink);
    assert.equal(field(shown, '_links', 'webui'), shown?.webuiLink);
    // No name is known for raw bytes: the description is left out rather than null (the spec says string).
    assert.equal('mediaTypeDescription' in (list.results[1] ?? {}), false);

    for (const path of [
      `/wiki/api/v2/attachments/att${notes?.id}`,
      `/wiki/api/v2/attachments/${notes?.id}`,
      `/api/v2/attachments/att${notes?.id}`,
    ]) {
      const single = await site.request('GET', path);
      assert.equal(single.status, 200, single.text);
      assertMatchesSpec('cloud-v2', 'GET', '/attachments/{id}', 200, single.body);
      assert.equal((single.body as Json).id, `att${notes?.id}`);
      assert.equal((single.body as Json).fileId, shown?.fileId);
    }
    const single = await v2Json(`/attachments/att${notes?.id}`, '/attachments/{id}');
    assert.equal(field(single, '_links', 'base'), `${site.url}/wiki`);
    assert.equal('labels' in single, false);
  });

  it('lists blog post attachments and filters by media type, file name and status', async () => {
    const upload = await anUpload(site, blogPostId, [
      { name: 'photo.png', content: 'not really a png', type: 'image/png' },
      { name: 'readme.txt', content: 'read me', type: 'text/plain' },
    ]);
    assert.equal(upload.status, 200, upload.text);
    const [photo, readme] = (upload.body as { results: Json[] }).results.map((item) => `att${item.id}`);
    const all = await v2List(`/blogposts/${blogPostId}/attachments`, '/blogposts/{id}/attachments');
    assert.deepEqual(idsOf(all), [photo, readme]);
    assert.equal(all.results[0]?.blogPostId, blogPostId);
    assert.equal('pageId' in (all.results[0] ?? {}), false);

    const listed = (query: string) =>
      v2List(`/blogposts/${blogPostId}/attachments?${query}`, '/blogposts/{id}/attachments').then(idsOf);
    assert.deepEqual(await listed('mediaType=image/png'), [photo]);
    assert.deepEqual(await listed('filename=readme.txt'), [readme]);
    assert.deepEqual(await listed('filename=readme.txt&mediaType=image/png'), []);
    assert.deepEqual(await listed('sort=-created-date'), [readme, photo]);
    assert.deepEqual(await listed('status=trashed'), []);
    assert.deepEqual(await listed('status=current&status=trashed'), [photo, readme]);
    assert.deepEqual(await listed('status=current,archived'), [photo, readme]);
    const everywhere = await v2List('/attachments?filename=photo.png', '/attachments');
    assert.deepEqual(idsOf(everywhere), [photo]);
  });

  it('reads an older version, the version history and each version with its neighbours', async () => {
    const first = await anAttachment(
      site,
      pageId,
      { name: 'plan.txt', content: 'one' },
      { comment: 'first' },
    );
    const id = `att${first.id}`;
    for (const [content, comment] of [
      ['version two', 'second'],
      ['version three!', 'third'],
    ]) {
      const put = await anUpload(site, pageId, [{ name: 'plan.txt', content: String(content) }], {
        method: 'PUT',
        fields: [['comment', String(comment)]],
      });
      assert.equal(put.status, 200, put.text);
    }
    const current = await v2Json(`/attachments/${id}`, '/attachments/{id}');
    assert.equal(field(current, 'version', 'number'), 3);
    assert.equal(current.fileSize, 14);
    const old = await v2Json(`/attachments/${id}?version=1`, '/attachments/{id}');
    assert.equal(old.status, 'historical');
    assert.equal(field(old, 'version', 'number'), 1);
    assert.equal(old.fileSize, 3);
    assert.equal(old.comment, 'first');
    assert.match(String(old.downloadLink), /[?&]version=1&/);
    assert.equal(old.createdAt, current.createdAt);

    const history = await v2List(`/attachments/${id}/versions`, '/attachments/{id}/versions');
    assert.deepEqual(
      history.results.map((version) => version.number),
      [3, 2, 1],
    );
    assert.deepEqual(history.results[2]?.attachment, { id, title: 'plan.txt' });
    const v1History = await site.request('GET', `/rest/api/content/${first.id}/version`);
    const v1Whens = (v1History.body as { results: Json[] }).results.map((version) => version.when);
    assert.deepEqual(
      history.results.map((version) => version.createdAt),
      v1Whens,
    );
    const oldestFirst = await v2List(
      `/attachments/${id}/versions?sort=modified-date&limit=2`,
      '/attachments/{id}/versions',
    );
    assert.deepEqual(
      oldestFirst.results.map((version) => version.number),
      [1, 2],
    );
    const rest = await site.request('GET', oldestFirst._links.next ?? 'missing next link');
    assert.deepEqual(
      (rest.body as V2List).results.map((version) => version.number),
      [3],
    );

    const detail = (n: number, prefix = 'att') =>
      v2Json(
        `/attachments/${prefix}${first.id}/versions/${n}`,
        '/attachments/{attachment-id}/versions/{version-number}',
      );
    const middle = await detail(2);
    assert.equal(middle.number, 2);
    assert.equal(middle.message, 'second');
    assert.equal(middle.prevVersion, 1);
    assert.equal(middle.nextVersion, 3);
    assert.equal(middle.contentTypeModified, false);
    assert.deepEqual(middle.collaborators, [middle.authorId]);
    assert.equal('prevVersion' in (await detail(1, '')), false);
    assert.equal('nextVersion' in (await detail(3)), false);
    // With version 1 deleted, version 2 has no earlier neighbour: neighbours are the versions still kept.
    const deleted = await site.request('DELETE', `/rest/api/content/${first.id}/version/1`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal('prevVersion' in (await detail(2)), false);
    assertV2Error(await v2('GET', `/attachments/${id}/versions/1`), 404, 'NOT_FOUND');
  });

  it('includes labels, properties, operations, versions and collaborators when asked', async () => {
    const attachment = await anAttachment(site, pageId, { name: 'included.txt', content: 'x' });
    const id = `att${attachment.id}`;
    await anUpload(site, pageId, [{ name: 'included.txt', content: 'y' }], { method: 'PUT' });
    const labelled = await site.request('POST', `/rest/api/content/${attachment.id}/label`, {
      json: [{ prefix: 'global', name: 'spec' }],
    });
    assert.equal(labelled.status, 200, labelled.text);
    const property = await v2('POST', `/attachments/${id}/properties`, {
      json: { key: 'k', value: { a: 1 } },
    });
    assert.equal(property.status, 200, property.text);

    const flags = ['labels', 'properties', 'operations', 'versions', 'collaborators'];
    const query = flags.map((flag) => `include-${flag}=true`).join('&');
    const single = await v2Json(`/attachments/${id}?${query}`, '/attachments/{id}');
    for (const flag of flags) {
      assert.deepEqual(field(single, flag, 'meta', 'hasMore'), false, flag);
      const self = flag === 'collaborators' ? 'versions' : flag;
      assert.equal(field(single, flag, '_links', 'self'), `/wiki/api/v2/attachments/${id}/${self}`);
    }
    const results = (name: string) => field(single, name, 'results') as Json[];
    assert.deepEqual(
      results('labels').map((label) => label.name),
      ['spec'],
    );
    assert.deepEqual(results('properties')[0]?.value, { a: 1 });
    assert.deepEqual(
      results('operations').map((operation) => operation.operation),
      ['read', 'update', 'delete'],
    );
    assert.deepEqual(
      results('versions').map((version) => version.number),
      [2, 1],
    );
    assert.deepEqual(results('collaborators'), [{ accountId: field(single, 'version', 'authorId') }]);

    // Past 50, an included collection says there is more and hands over a cursor for its own endpoint.
    const many = Array.from({ length: 55 }, (_, n) => ({ name: `tag-${String(n).padStart(2, '0')}` }));
    await site.request('POST', `/rest/api/content/${attachment.id}/label`, { json: many });
    const capped = await v2Json(`/attachments/${id}?include-labels=true`, '/attachments/{id}');
    assert.equal((field(capped, 'labels', 'results') as Json[]).length, 50);
    assert.equal(field(capped, 'labels', 'meta', 'hasMore'), true);
    const cursor = String(field(capped, 'labels', 'meta', 'cursor'));
    const rest = await v2List(`/attachments/${id}/labels?cursor=${cursor}`, '/attachments/{id}/labels');
    assert.equal(rest.results.length, 6);

    const bare = await v2Json(`/attachments/${id}?include-version=false`, '/attachments/{id}');
    assert.equal('version' in bare, false);
    assert.equal('labels' in bare, false);

    // Python's requests writes a real bool as `True`; Confluence's Java servers read flags in any case.
    const pythonic = await v2Json(
      `/attachments/${id}?include-labels=True&include-version=FALSE`,
      '/attachments/{id}',
    );
    assert.equal('version' in pythonic, false);
    assert.equal((field(pythonic, 'labels', 'results') as Json[]).length, 50);
  });

  it('lists the footer comments made on one version of an attachment', async () => {
    const attachment = await anAttachment(site, pageId, { name: 'commented.txt', content: 'one' });
    const id = `att${attachment.id}`;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    const comment = async (text: string) => {
      await settle();
      const created = await site.request('POST', '/rest/api/content', {
        json: {
          type: 'comment',
          container: { id: String(attachment.id), type: 'attachment' },
          body: { storage: { value: `<p>${text}</p>`, representation: 'storage' } },
        },
      });
      assert.equal(created.status, 200, created.text);
      return String((created.body as Json).id);
    };
    const onFirst = await comment('on version 1');
    await settle();
    const second = await anUpload(site, pageId, [{ name: 'commented.txt', content: 'two' }], {
      method: 'PUT',
    });
    assert.equal(second.status, 200, second.text);
    const onSecond = await comment('on version 2');
    const listPath = `/attachments/${id}/footer-comments`;
    const onVersion = async (query: string) =>
      idsOf(await v2List(`${listPath}${query}`, '/attachments/{id}/footer-comments'));
    assert.deepEqual(await onVersion('?version=1'), [onFirst]);
    assert.deepEqual(await onVersion('?version=2'), [onSecond]);
    assert.deepEqual((await onVersion('')).sort(), [onFirst, onSecond].sort());
    assertV2Error(await v2('GET', `${listPath}?version=abc`), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', `${listPath}?version=9`), 404, 'NOT_FOUND');
  });

  it('serves labels, properties, footer comments and operations of an attachment', async () => {
    const attachment = await anAttachment(site, pageId, { name: 'extras.txt', content: 'extras' });
    const id = `att${attachment.id}`;
    await site.request('POST', `/rest/api/content/${attachment.id}/label`, { json: [{ name: 'extra' }] });
    const labels = await v2List(`/attachments/${attachment.id}/labels`, '/attachments/{id}/labels');
    assert.deepEqual(
      labels.results.map((label) => label.name),
      ['extra'],
    );
    const byLabel = await v2List(`/labels/${labels.results[0]?.id}/attachments`, '/labels/{id}/attachments');
    assert.deepEqual(idsOf(byLabel), [id]);
    assertV2Error(await v2('GET', '/labels/999999/attachments'), 404, 'NOT_FOUND');

    const created = await v2('POST', `/attachments/${id}/properties`, {
      json: { key: 'hash', value: 'abc' },
    });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/attachments/{attachment-id}/properties', 200, created.body);
    const propertyId = String((created.body as Json).id);
    const properties = await v2List(
      `/attachments/${id}/properties`,
      '/attachments/{attachment-id}/properties',
    );
    assert.deepEqual(
      properties.results.map((property) => property.key),
      ['hash'],
    );
    const one = `/attachments/${id}/properties/${propertyId}`;
    await v2Json(one, '/attachments/{attachment-id}/properties/{property-id}');
    const updated = await v2('PUT', one, {
      json: { key: 'hash', value: 'def', version: { number: 2, message: 'rehashed', minorEdit: true } },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec(
      'cloud-v2',
      'PUT',
      '/attachments/{attachment-id}/properties/{property-id}',
      200,
      updated.body,
    );
    assert.equal((updated.body as Json).value, 'def');
    // The version's message and flag are kept, and shown on v1 as well.
    assert.equal(field(updated.body, 'version', 'message'), 'rehashed');
    assert.equal(field(updated.body, 'version', 'minorEdit'), true);
    const onV1 = await site.request('GET', `/rest/api/content/${attachment.id}/property/hash?expand=version`);
    assert.equal(field(onV1.body, 'version', 'message'), 'rehashed');
    assert.equal(field(onV1.body, 'version', 'minorEdit'), true);
    assert.equal((await v2('DELETE', one)).status, 204);
    assertV2Error(await v2('GET', one), 404, 'NOT_FOUND');

    const comments = await v2List(`/attachments/${id}/footer-comments`, '/attachments/{id}/footer-comments');
    assert.deepEqual(comments.results, []);

    const operations = await v2Json(`/attachments/${id}/operations`, '/attachments/{id}/operations');
    assert.deepEqual(operations.operations, [
      { operation: 'read', targetType: 'attachment' },
      { operation: 'update', targetType: 'attachment' },
      { operation: 'delete', targetType: 'attachment' },
    ]);
    // Anonymous may read once the space grants anonymous view, and only read.
    const spaceKey = String(
      ((await site.request('GET', `/rest/api/content/${id}?expand=space`)).body as { space: Json }).space.key,
    );
    const granted = await site.request('PUT', `/rest/api/space/${spaceKey}/permissions/anonymous/grant`, {
      json: [{ targetType: 'space', operationKey: 'read' }],
    });
    assert.equal(granted.status, 204, granted.text);
    const anonymous = await v2('GET', `/attachments/${id}/operations`, { auth: null });
    assert.deepEqual((anonymous.body as Json).operations, [{ operation: 'read', targetType: 'attachment' }]);
  });

  it('moves an attachment to the trash, lists it there, and purges it, freeing bytes nothing else uses', async () => {
    const bytes = `shared bytes ${Date.now()}`;
    const attachment = await anAttachment(site, pageId, { name: 'doomed.bin', content: bytes });
    const copy = await anAttachment(site, blogPostId, { name: 'copy.bin', content: bytes });
    const sha256 = await sha256Of(site, String(attachment.id));
    const id = `att${attachment.id}`;

    assert.equal((await v2('DELETE', `/attachments/${id}`)).status, 204);
    const current = await v2List(`/pages/${pageId}/attachments`, '/pages/{id}/attachments');
    assert.equal(idsOf(current).includes(id), false);
    const trashed = await v2List(`/pages/${pageId}/attachments?status=trashed`, '/pages/{id}/attachments');
    assert.deepEqual(idsOf(trashed), [id]);
    assert.equal(trashed.results[0]?.status, 'trashed');
    const everywhere = await v2List('/attachments?status=trashed&filename=doomed.bin', '/attachments');
    assert.deepEqual(idsOf(everywhere), [id]);
    assert.equal((await v2Json(`/attachments/${id}`, '/attachments/{id}')).status, 'trashed');
    // Purging takes a second, explicit call (api-reference.md §2); a plain delete of trash is a 404.
    assertV2Error(await v2('DELETE', `/attachments/${id}`), 404, 'NOT_FOUND');

    assert.equal((await v2('DELETE', `/attachments/${id}?purge=true`)).status, 204);
    assertV2Error(await v2('GET', `/attachments/${id}`), 404, 'NOT_FOUND');
    assert.equal(await blobFileExists(site, sha256), true, 'the copy still uses the bytes');

    assert.equal((await v2('DELETE', `/attachments/${copy.id}`)).status, 204);
    assert.equal((await v2('DELETE', `/attachments/att${copy.id}?purge=true`)).status, 204);
    assert.equal(await blobFileExists(site, sha256), false);
  });

  it('keeps the attachments of a trashed page out of current lists and shows them as trashed', async () => {
    const page = String((await aPage(site, 'ATT', 'Soon trashed')).id);
    const attachment = await anAttachment(site, page, { name: 'with-its-page.txt', content: 'bye' });
    const id = `att${attachment.id}`;
    assert.equal((await v2('DELETE', `/pages/${page}`)).status, 204);

    const onPage = (query = '') => v2List(`/pages/${page}/attachments${query}`, '/pages/{id}/attachments');
    assert.deepEqual(idsOf(await onPage()), []);
    const trashed = await onPage('?status=trashed');
    assert.deepEqual(idsOf(trashed), [id]);
    assert.equal(trashed.results[0]?.status, 'trashed');
    const everywhere = (query: string) =>
      v2List(`/attachments?filename=with-its-page.txt${query}`, '/attachments').then(idsOf);
    assert.deepEqual(await everywhere(''), []);
    assert.deepEqual(await everywhere('&status=trashed'), [id]);
    assert.equal((await v2Json(`/attachments/${id}`, '/attachments/{id}')).status, 'trashed');
  });

  it('treats the attachments of a trashed page as trashed: deleted again they are missing, purged they are gone', async () => {
    const page = String((await aPage(site, 'ATT', 'Trashed with its files')).id);
    const kept = await anAttachment(site, page, { name: 'kept.txt', content: 'kept' });
    const purged = await anAttachment(site, page, { name: 'purged.txt', content: 'purged' });
    assert.equal((await v2('DELETE', `/pages/${page}`)).status, 204);

    assertV2Error(await v2('DELETE', `/attachments/att${kept.id}`), 404, 'NOT_FOUND');
    const fromTrash = await site.request(
      'GET',
      `/rest/api/content/${page}/child/attachment/${kept.id}/download?status=trashed`,
    );
    assert.equal(fromTrash.text, 'kept');
    assert.equal((await v2('DELETE', `/attachments/att${purged.id}?purge=true`)).status, 204);
    assertV2Error(await v2('GET', `/attachments/att${purged.id}`), 404, 'NOT_FOUND');

    const restored = await site.request('PUT', `/rest/api/content/${page}`, {
      json: { type: 'page', title: 'Trashed with its files', status: 'current', version: { number: 2 } },
    });
    assert.equal(restored.status, 200, restored.text);
    const onPage = await v2List(`/pages/${page}/attachments`, '/pages/{id}/attachments');
    assert.deepEqual(idsOf(onPage), [`att${kept.id}`]);
  });

  it('shows attachments in a private space only to those who may see it', async () => {
    const space = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'PRIV', name: 'Private' },
    });
    assert.equal(space.status, 200, space.text);
    const page = String((await aPage(site, 'PRIV', 'Secret', { auth: carol })).id);
    const upload = await site.request('POST', `/rest/api/content/${page}/child/attachment`, {
      auth: carol,
      body: multipartForm([{ name: 'secret.txt', content: 'secret' }]),
      headers: noCheck,
    });
    assert.equal(upload.status, 200, upload.text);
    const id = `att${(upload.body as { results: Json[] }).results[0]?.id}`;

    const asCarol = await v2('GET', '/attachments?filename=secret.txt', { auth: carol });
    assert.deepEqual(idsOf(asCarol.body as V2List), [id]);
    const asAnonymous = await v2('GET', '/attachments?filename=secret.txt', { auth: null });
    assert.equal(asAnonymous.status, 200, asAnonymous.text);
    assert.deepEqual(idsOf(asAnonymous.body as V2List), []);
    assertV2Error(await v2('GET', `/attachments/${id}`, { auth: null }), 404, 'NOT_FOUND');
    assertV2Error(await v2('GET', `/pages/${page}/attachments`, { auth: null }), 404, 'NOT_FOUND');
  });

  it('refuses bad input in the v2 error shape and changes nothing', async () => {
    const attachment = await anAttachment(site, pageId, { name: 'untouched.txt', content: 'same' });
    const id = `att${attachment.id}`;
    const snapshot = async () =>
      [
        (await v2('GET', '/attachments?limit=250&status=current,archived,trashed')).text,
        (await v2('GET', `/attachments/${id}?include-versions=true`)).text,
        (await v2('GET', `/pages/${pageId}`)).text,
      ].join('\n');
    const before = await snapshot();

    const missing = [
      ['GET', '/attachments/att999999999'],
      ['GET', '/attachments/999999999'],
      ['DELETE', '/attachments/att999999999'],
      ['GET', '/attachments/att999999999/versions'],
      ['GET', '/attachments/att999999999/versions/1'],
      ['GET', '/attachments/att999999999/labels'],
      ['GET', '/attachments/att999999999/properties'],
      ['GET', '/attachments/att999999999/footer-comments'],
      ['GET', '/attachments/att999999999/operations'],
      // A page's id is not an attachment's, with or without the prefix.
      ['GET', `/attachments/att${pageId}`],
      ['DELETE', `/attachments/att${pageId}`],
      ['DELETE', `/attachments/${pageId}?purge=true`],
      ['GET', `/attachments/att${pageId}/versions`],
      ['GET', `/attachments/att${pageId}/operations`],
      ['GET', `/attachments/${id}?version=99`],
      ['GET', `/attachments/${id}/versions/99`],
      ['GET', `/pages/${attachment.id}/attachments`],
      ['GET', `/blogposts/${pageId}/attachments`],
    ];
    for (const [method, path] of missing)
      assertV2Error(await v2(String(method), String(path)), 404, 'NOT_FOUND');

    const invalid = [
      ['GET', '/attachments?limit=0'],
      ['GET', '/attachments?limit=ten'],
      ['GET', '/attachments?cursor=not*a*cursor'],
      ['GET', `/attachments?cursor=${Buffer.from('{"id":"x"}').toString('base64url')}`],
      ['GET', '/attachments?sort=title'],
      ['GET', '/attachments?status=draft'],
      ['GET', `/pages/${pageId}/attachments?limit=0`],
      ['GET', `/pages/${pageId}/attachments?sort=id`],
      ['GET', '/attachments/photo.png'],
      ['GET', `/attachments/${id}?version=latest`],
      ['GET', `/attachments/${id}?include-labels=maybe`],
      ['GET', `/attachments/${id}/versions?sort=created-date`],
      ['GET', `/attachments/${id}/versions?limit=0`],
      ['GET', `/attachments/${id}/versions/first`],
      ['DELETE', `/attachments/${id}?purge=maybe`],
      ['GET', '/pages/att1/attachments'],
    ];
    for (const [method, path] of invalid) {
      assertV2Error(await v2(String(method), String(path)), 400, 'BAD_REQUEST');
    }
    assert.equal(await snapshot(), before);
  });
});

describe('cursor pagination of attachments on Cloud v2', () => {
  let site: TestServer;
  let pageId: string;
  const ids: string[] = [];
  const count = 60;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'MANY');
    pageId = String((await aPage(site, 'MANY', 'Many files')).id);
    for (let batch = 0; batch < count / 20; batch += 1) {
      const files = Array.from({ length: 20 }, (_, n) => ({
        name: `file-${String(batch * 20 + n).padStart(2, '0')}.txt`,
        content: `file ${batch * 20 + n}`,
      }));
      const upload = await anUpload(site, pageId, files);
      assert.equal(upload.status, 200, upload.text);
      ids.push(...(upload.body as { results: Json[] }).results.map((item) => `att${item.id}`));
    }
  });
  after(() => site.dispose());

  const walk = (path: string, template: string) => walkV2(site, path, template);
  const idsOf = (pages: V2List[]) => pages.flatMap((page) => page.results.map((item) => String(item.id)));

  it('returns every attachment of a page once, in upload order, with next links until the end', async () => {
    const pages = await walk(`/pages/${pageId}/attachments?limit=25`, '/pages/{id}/attachments');
    assert.deepEqual(
      pages.map((page) => page.results.length),
      [25, 25, 10],
    );
    assert.deepEqual(idsOf(pages), ids);
    assert.match(pages[0]?._links.next ?? '', /^\/wiki\/api\/v2\/pages\/\d+\/attachments\?limit=25&cursor=/);
  });

  it('walks every sort order across the site without repeating or skipping', async () => {
    const newestFirst = await walk('/attachments?sort=-created-date&limit=25', '/attachments');
    assert.deepEqual(idsOf(newestFirst), [...ids].reverse());
    const byModification = await walk('/attachments?sort=modified-date&limit=7', '/attachments');
    assert.deepEqual(idsOf(byModification), ids);
    const filtered = await walk('/attachments?mediaType=text/plain&limit=13', '/attachments');
    assert.deepEqual(idsOf(filtered), ids);
  });

  it('shows 50 by default and clamps a limit above 250', async () => {
    const first = await walk(`/pages/${pageId}/attachments`, '/pages/{id}/attachments');
    assert.deepEqual(
      first.map((page) => page.results.length),
      [50, 10],
    );
    const clamped = await walk(`/pages/${pageId}/attachments?limit=1000`, '/pages/{id}/attachments');
    assert.equal(clamped.length, 1);
    assert.equal(clamped[0]?.results.length, count);
  });
});
