import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anAttachment, blobFileExists, sha256Of } from '../support/attachment-probes.ts';
import { aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];
const extender = '/rest/extender/1.0/content/attachment';

/** The vendor's example (seed 000) has no schema; these are its keys, in its order, and their types. */
function assertVersionsBody(body: unknown): asserts body is Json & { versions: Json[] } {
  const object = body as Json;
  assert.deepEqual(Object.keys(object), [
    'total',
    'versions',
    'fileExtension',
    'maxResults',
    'name',
    'id',
    'startAt',
  ]);
  for (const key of ['total', 'maxResults', 'id', 'startAt']) assert.equal(typeof object[key], 'number', key);
  for (const key of ['fileExtension', 'name']) assert.equal(typeof object[key], 'string', key);
  assert.ok(Array.isArray(object.versions));
  for (const version of object.versions as Json[]) {
    assert.deepEqual(Object.keys(version), [
      'fileSize',
      'creatorName',
      'comment',
      'creationDate',
      'version',
      'fileSizeNice',
    ]);
    for (const key of ['fileSize', 'creationDate', 'version'])
      assert.equal(typeof version[key], 'number', key);
    for (const key of ['creatorName', 'comment', 'fileSizeNice'])
      assert.equal(typeof version[key], 'string', key);
  }
}

describe('the Extender plugin attachment endpoints', () => {
  let site: TestServer;
  let pageId: string;
  let secretPageId: string;
  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave']) {
      await aUser(site, name);
    }
    await aSpace(site, 'EXT');
    pageId = String((await aPage(site, 'EXT', 'Workbooks')).id);
    const hidden = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'CAROL', name: 'Carol only' },
    });
    assert.equal(hidden.status, 200, hidden.text);
    secretPageId = String((await aPage(site, 'CAROL', 'Secret', { auth: carol })).id);
  });
  after(() => site.dispose());

  const versionsOf = (id: string, query = '', auth?: [string, string]) =>
    site.request('GET', `${extender}/${id}/versions${query}`, auth ? { auth } : {});

  /** An attachment on `page` with a version per fill, the last one current. */
  const withVersions = async (page: string, name: string, fills: string[], auth?: [string, string]) => {
    let id = '';
    for (const [index, fill] of fills.entries()) {
      const response = await site.request('PUT', `/rest/api/content/${page}/child/attachment`, {
        ...(auth && { auth }),
        headers: noCheck,
        body: multipartForm([{ name, content: fill.repeat(10342) }], [['comment', `version ${index + 1}`]]),
      });
      assert.equal(response.status, 200, response.text);
      id = String((response.body as { results: Json[] }).results[0]?.id);
    }
    return id;
  };

  it('lists every version newest first, in the vendor’s shape', async () => {
    const startedMs = Date.now();
    const id = await withVersions(pageId, 'Book1.xlsx', ['a', 'b', 'c']);
    const response = await versionsOf(id);
    assert.equal(response.status, 200, response.text);
    assertVersionsBody(response.body);
    const body = response.body;
    assert.equal(body.total, 3);
    assert.equal(body.startAt, 0);
    assert.equal(body.maxResults, 100);
    assert.equal(body.id, Number(id));
    assert.equal(body.name, 'Book1.xlsx');
    assert.equal(body.fileExtension, 'xlsx');
    assert.deepEqual(
      body.versions.map((version) => version.version),
      [3, 2, 1],
    );
    const [newest] = body.versions;
    assert.equal(newest?.fileSize, 10342);
    assert.equal(newest?.fileSizeNice, '10 kB');
    assert.equal(newest?.creatorName, 'admin');
    assert.equal(newest?.comment, 'version 3');
    assert.ok(Number(newest?.creationDate) >= startedMs && Number(newest?.creationDate) <= Date.now());

    const page = await versionsOf(id, '?startAt=1&maxResults=1');
    assertVersionsBody(page.body);
    assert.deepEqual(
      [page.body.total, page.body.startAt, page.body.maxResults, page.body.versions.map((v) => v.version)],
      [3, 1, 1, [2]],
    );
    assertRestError(await versionsOf(id, '?maxResults=lots'), 400, /maxResults/);
  });

  it('lets users who can view the attachment list its versions, and names each version’s author', async () => {
    const id = await withVersions(pageId, 'by-carol.csv', ['x'], carol);
    const response = await versionsOf(id, '', dave);
    assert.equal(response.status, 200, response.text);
    assertVersionsBody(response.body);
    assert.equal(response.body.versions[0]?.creatorName, 'carol');
    assert.equal(response.body.fileExtension, 'csv');

    const secret = await withVersions(secretPageId, 'secret.xlsx', ['s'], carol);
    assert.equal((await versionsOf(secret, '', carol)).status, 200);
    const hidden = assertRestError(await versionsOf(secret, '', dave), 404);
    assert.equal(hidden.message, `attachment with id '${secret}' does not exist`);
    const byAnonymous = await site.request('GET', `${extender}/${secret}/versions`, { auth: null });
    assertRestError(byAnonymous, 401);
  });

  it('answers an unknown id, or a page’s, with the vendor’s message in a 404', async () => {
    for (const [method, suffix] of [
      ['GET', 'versions'],
      ['DELETE', 'delete'],
      ['DELETE', 'delete/1'],
    ] as const) {
      const unknown = assertRestError(await site.request(method, `${extender}/1441802/${suffix}`), 404);
      assert.equal(unknown.message, "attachment with id '1441802' does not exist");
      const page = assertRestError(await site.request(method, `${extender}/${pageId}/${suffix}`), 404);
      assert.equal(page.message, `attachment with id '${pageId}' does not exist`);
    }
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200);
  });

  it('deletes one version, never the current one', async () => {
    const id = await withVersions(pageId, 'versions.xlsx', ['1', '2', '3']);
    const oldest = await sha256Of(site, id, 1);
    const versionNumbers = async () => {
      const response = await versionsOf(id);
      assertVersionsBody(response.body);
      return response.body.versions.map((version) => version.version);
    };

    assertRestError(await site.request('DELETE', `${extender}/${id}/delete/3`), 400, /current version/);
    // Who may not remove history hears so first, whichever version they name.
    for (const version of [3, 1]) {
      assertRestError(
        await site.request('DELETE', `${extender}/${id}/delete/${version}`, { auth: dave }),
        403,
      );
    }
    const missing = assertRestError(await site.request('DELETE', `${extender}/${id}/delete/7`), 404);
    assert.equal(missing.message, `Version 7 of attachment with id '${id}' does not exist`);
    assertRestError(await site.request('DELETE', `${extender}/${id}/delete/${secretPageId}x`), 400);
    assert.deepEqual(await versionNumbers(), [3, 2, 1]);

    const deleted = await site.request('DELETE', `${extender}/${id}/delete/1`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.deepEqual(deleted.body, {
      message: "Version 1 of attachment 'versions.xlsx' deleted.",
      status: 'success',
    });
    assert.deepEqual(await versionNumbers(), [3, 2]);
    assert.equal(await blobFileExists(site, oldest), false);
    assert.equal(
      (await site.request('GET', `/rest/api/content/${id}/download?version=2`)).text,
      '2'.repeat(10342),
    );
  });

  it('hard-deletes every version of a current attachment, freeing bytes nobody else uses', async () => {
    const id = await withVersions(pageId, 'Book1 copy.xlsx', ['u', 'shared']);
    // Another attachment holds the same bytes as version 2.
    const twin = await anAttachment(site, pageId, { name: 'twin.xlsx', content: 'shared'.repeat(10342) });
    const unique = await sha256Of(site, id, 1);
    const shared = await sha256Of(site, id, 2);
    assert.equal(await sha256Of(site, String(twin.id)), shared);

    const denied = assertRestError(
      await site.request('DELETE', `${extender}/${id}/delete`, { auth: null }),
      401,
    );
    assert.equal(denied.statusCode, 401);
    assert.equal((await versionsOf(id)).status, 200);

    const deleted = await site.request('DELETE', `${extender}/${id}/delete`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.deepEqual(Object.keys(deleted.body as Json), ['message', 'status']);
    assert.deepEqual(deleted.body, { message: "Attachment 'Book1 copy.xlsx' deleted.", status: 'success' });

    assertRestError(await site.request('GET', `/rest/api/content/${id}?status=any`), 404);
    const gone = assertRestError(await versionsOf(id), 404);
    assert.equal(gone.message, `attachment with id '${id}' does not exist`);
    assert.equal(await blobFileExists(site, unique), false);
    assert.equal(await blobFileExists(site, shared), true);
    const twinBytes = await site.request('GET', `/rest/api/content/${twin.id}/download`);
    assert.equal(twinBytes.text, 'shared'.repeat(10342));
  });

  it('hard-deletes a trashed attachment too, but not one the caller cannot see', async () => {
    const id = await withVersions(pageId, 'trashed.xlsx', ['t']);
    const bytes = await sha256Of(site, id);
    assert.equal((await site.request('DELETE', `/rest/api/content/${id}`)).status, 204);
    const deleted = await site.request('DELETE', `${extender}/${id}/delete`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(await blobFileExists(site, bytes), false);

    const secret = await withVersions(secretPageId, 'kept.xlsx', ['k'], carol);
    const refused = assertRestError(
      await site.request('DELETE', `${extender}/${secret}/delete`, { auth: dave }),
      404,
    );
    assert.equal(refused.message, `attachment with id '${secret}' does not exist`);
    assert.equal((await versionsOf(secret, '', carol)).status, 200);
  });
});
