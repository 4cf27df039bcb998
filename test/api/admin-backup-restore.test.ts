import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { anUpload, aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const settledStates = ['FINISHED', 'FAILED', 'CANCELLED'];

async function settled(site: TestServer, id: unknown): Promise<Json> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await site.request('GET', `/rest/api/backup-restore/jobs/${id}`);
    assert.equal(response.status, 200, response.text);
    const job = response.body as Json;
    if (settledStates.includes(String(job.jobState))) return job;
    await sleep(50);
  }
  throw new Error(`Job ${id} did not finish`);
}

const titlesOf = async (site: TestServer, path: string) =>
  (((await site.request('GET', path)).body as Json).results as Json[]).map((item) => item.title).sort();

describe('DC backup and restore jobs', () => {
  let source: TestServer;
  let target: TestServer;
  let archive: Buffer;

  before(async () => {
    [source, target] = await Promise.all([startTestServer(), startTestServer()]);
    await aUser(source, 'nadia');
    await aSpace(source, 'BAK', 'Backed up');
    const parent = await aPage(source, 'BAK', 'Parent page');
    const child = await aPage(source, 'BAK', 'Child page', { parentId: String(parent.id) });
    const edited = await source.request('PUT', `/rest/api/content/${child.id}`, {
      json: {
        type: 'page',
        title: 'Child page, edited',
        version: { number: 2 },
        body: { storage: { value: '<p>second</p>', representation: 'storage' } },
      },
    });
    assert.equal(edited.status, 200, edited.text);
    const labelled = await source.request('POST', `/rest/api/content/${child.id}/label`, {
      json: [{ prefix: 'global', name: 'kept' }],
    });
    assert.equal(labelled.status, 200, labelled.text);
    const first = await anUpload(source, String(parent.id), [{ name: 'notes.txt', content: 'version one' }]);
    assert.equal(first.status, 200, first.text);
    const second = await anUpload(
      source,
      String(parent.id),
      [{ name: 'notes.txt', content: 'version two!' }],
      {
        method: 'PUT',
      },
    );
    assert.equal(second.status, 200, second.text);
  });
  after(() => Promise.all([source.dispose(), target.dispose()]));

  it('backs a space up in the background and offers the archive for download', async () => {
    const queued = await source.request('POST', '/rest/api/backup-restore/backup/space', {
      json: { spaceKeys: ['BAK'], fileNamePrefix: 'nightly' },
    });
    assert.equal(queued.status, 200, queued.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/backup-restore/backup/space', 200, queued.body);
    const job = queued.body as Json;
    assert.equal(job.jobOperation, 'BACKUP');
    assert.equal(job.jobScope, 'SPACE');
    assert.equal(job.spaceKeys, 'BAK');
    assert.equal(job.owner, 'admin');

    const done = await settled(source, job.id);
    assertMatchesSpec('dc', 'GET', '/rest/api/backup-restore/jobs/{jobId}', 200, done);
    assert.equal(done.jobState, 'FINISHED', JSON.stringify(done));
    assert.equal(done.fileExists, true);
    assert.match(String(done.fileName), /^nightly-BAK-.*\.zip$/);
    assert.ok(done.finishProcessingTime);

    const listed = await source.request(
      'GET',
      '/rest/api/backup-restore/jobs?jobOperation=BACKUP&spaceKey=BAK',
    );
    assertMatchesSpec('dc', 'GET', '/rest/api/backup-restore/jobs', 200, listed.body);
    assert.ok((listed.body as Json[]).some((item) => item.id === job.id));
    const restores = await source.request('GET', '/rest/api/backup-restore/jobs?jobOperation=RESTORE');
    assert.deepEqual(restores.body, []);

    const download = await fetch(`${source.reachableUrl}/rest/api/backup-restore/jobs/${job.id}/download`, {
      headers: { authorization: basic('admin', adminPassword) },
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/zip');
    archive = Buffer.from(await download.arrayBuffer());
    assert.equal(archive.readUInt32LE(0), 0x04034b50, 'a zip archive');
  });

  it('restores the space into an empty site: pages, their history and parents, labels, attachment versions', async () => {
    assert.ok(archive, 'the backup ran first');
    const uploaded = await target.request('POST', '/rest/api/backup-restore/restore/space/upload', {
      body: multipartForm([{ name: 'bak-space.zip', content: archive, type: 'application/zip' }]),
      headers: noCheck,
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/backup-restore/restore/space/upload', 200, uploaded.body);
    const done = await settled(target, (uploaded.body as Json).id);
    assert.equal(done.jobState, 'FINISHED', JSON.stringify(done));
    assert.equal((done.statistics as Json).persistedObjectsCount, 5);

    const space = await target.request('GET', '/rest/api/space/BAK');
    assert.equal(space.status, 200, space.text);
    assert.equal((space.body as Json).name, 'Backed up');
    const pages = await target.request(
      'GET',
      '/rest/api/content?spaceKey=BAK&type=page&expand=ancestors,version',
    );
    const results = (pages.body as Json).results as Json[];
    assert.deepEqual(results.map((page) => page.title).sort(), [
      'Backed up Home',
      'Child page, edited',
      'Parent page',
    ]);
    const child = results.find((page) => page.title === 'Child page, edited') as Json;
    assert.equal((child.version as Json).number, 2);
    assert.deepEqual(
      (child.ancestors as Json[]).map((ancestor) => ancestor.title),
      ['Parent page'],
    );
    const firstVersion = await target.request(
      'GET',
      `/rest/api/content/${child.id}?version=1&expand=body.storage`,
    );
    assert.equal((firstVersion.body as Json).title, 'Child page');
    const labels = await target.request('GET', `/rest/api/content/${child.id}/label`);
    assert.deepEqual(
      ((labels.body as Json).results as Json[]).map((label) => label.name),
      ['kept'],
    );

    const parent = results.find((page) => page.title === 'Parent page') as Json;
    const attachments = await target.request(
      'GET',
      `/rest/api/content/${parent.id}/child/attachment?expand=version`,
    );
    const [attachment] = (attachments.body as Json).results as Json[];
    assert.equal(attachment?.title, 'notes.txt');
    assert.equal(((attachment?.version ?? {}) as Json).number, 2);
    const v1 = await target.request('GET', `/download/attachments/${parent.id}/notes.txt?version=1`);
    assert.equal(v1.text, 'version one');
    const v2 = await target.request('GET', `/download/attachments/${parent.id}/notes.txt?version=2`);
    assert.equal(v2.text, 'version two!');

    const files = await target.request('GET', '/rest/api/backup-restore/restore/files?jobScope=SPACE');
    assertMatchesSpec('dc', 'GET', '/rest/api/backup-restore/restore/files', 200, files.body);
    assert.deepEqual(
      (files.body as Json[]).map((file) => file.name),
      ['bak-space.zip'],
    );

    // Restoring the same file again meets the space it made: the job fails and changes nothing.
    const again = await target.request('POST', '/rest/api/backup-restore/restore/space', {
      json: { fileName: 'bak-space.zip' },
    });
    assert.equal(again.status, 200, again.text);
    const failed = await settled(target, (again.body as Json).id);
    assert.equal(failed.jobState, 'FAILED');
    assert.match(String(failed.errorMessage), /already exists with key BAK/);
    assert.deepEqual(await titlesOf(target, '/rest/api/content?spaceKey=BAK&type=page'), [
      'Backed up Home',
      'Child page, edited',
      'Parent page',
    ]);
  });

  it('backs up the whole site and refuses a second site backup while one is queued', async () => {
    const queued = await source.request('POST', '/rest/api/backup-restore/backup/site', { json: {} });
    assert.equal(queued.status, 200, queued.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/backup-restore/backup/site', 200, queued.body);
    const done = await settled(source, (queued.body as Json).id);
    assert.equal(done.jobState, 'FINISHED', JSON.stringify(done));
    assert.equal(done.jobScope, 'SITE');
  });

  it('cancels queued jobs, and leaves settled ones as they are', async () => {
    const ids: unknown[] = [];
    for (let i = 0; i < 4; i += 1) {
      const queued = await source.request('POST', '/rest/api/backup-restore/backup/space', {
        json: { spaceKeys: ['BAK'] },
      });
      ids.push((queued.body as Json).id);
    }
    const cleared = await source.request('PUT', '/rest/api/backup-restore/jobs/clear-queue', {
      headers: noCheck,
    });
    assert.equal(cleared.status, 200, cleared.text);
    const states = await Promise.all(ids.map(async (id) => (await settled(source, id)).jobState));
    assert.ok(
      states.every((state) => state === 'FINISHED' || state === 'CANCELLED'),
      states.join(),
    );
    const none = await source.request('GET', '/rest/api/backup-restore/jobs?jobStates=QUEUED');
    assert.deepEqual(none.body, []);

    const finished = await source.request('GET', '/rest/api/backup-restore/jobs?jobStates=FINISHED&limit=1');
    const [last] = finished.body as Json[];
    const cancel = await source.request('PUT', `/rest/api/backup-restore/jobs/${last?.id}/cancel`, {
      headers: noCheck,
    });
    assert.equal(cancel.status, 200, cancel.text);
    assertMatchesSpec('dc', 'PUT', '/rest/api/backup-restore/jobs/{jobId}/cancel', 200, cancel.body);
    assert.equal((cancel.body as Json).jobState, 'FINISHED');
  });

  it('refuses bad input with a 4xx and queues nothing', async () => {
    const before = ((await source.request('GET', '/rest/api/backup-restore/jobs?limit=1000')).body as Json[])
      .length;
    const post = (path: string, json: unknown) =>
      source.request('POST', `/rest/api/backup-restore${path}`, { json });
    assert.equal((await post('/backup/space', {})).status, 400);
    assert.equal((await post('/backup/space', { spaceKeys: [] })).status, 400);
    assert.equal((await post('/backup/space', { spaceKeys: ['NOPE'] })).status, 404);
    assert.equal((await post('/backup/space', { spaceKeys: ['BAK'], fileNamePrefix: '../x' })).status, 400);
    assert.equal((await post('/restore/space', {})).status, 400);
    assert.equal((await post('/restore/space', { fileName: 'missing.zip' })).status, 404);
    assert.equal((await post('/restore/space', { fileName: '../../etc/passwd' })).status, 400);
    const notZip = await source.request('POST', '/rest/api/backup-restore/restore/space/upload', {
      body: multipartForm([{ name: 'plain.zip', content: 'not a zip at all' }]),
      headers: noCheck,
    });
    assert.equal(notZip.status, 400, notZip.text);
    const noFile = await source.request('POST', '/rest/api/backup-restore/restore/space/upload', {
      body: multipartForm([], [['comment', 'x']]),
      headers: noCheck,
    });
    assert.equal(noFile.status, 400, noFile.text);
    assert.equal((await source.request('GET', '/rest/api/backup-restore/jobs/abc')).status, 400);
    assert.equal((await source.request('GET', '/rest/api/backup-restore/jobs/99999')).status, 404);
    assert.equal((await source.request('GET', '/rest/api/backup-restore/jobs?jobScope=MOON')).status, 400);
    assert.equal(
      (await source.request('GET', '/rest/api/backup-restore/jobs?jobStates=NAPPING')).status,
      400,
    );
    assert.equal(
      (await source.request('GET', '/rest/api/backup-restore/restore/files?jobScope=x')).status,
      400,
    );
    const after = ((await source.request('GET', '/rest/api/backup-restore/jobs?limit=1000')).body as Json[])
      .length;
    assert.equal(after, before);
  });

  it('is for administrators only', async () => {
    const nadia: [string, string] = ['nadia', 'nadia-pw'];
    for (const [method, path] of [
      ['POST', '/rest/api/backup-restore/backup/space'],
      ['POST', '/rest/api/backup-restore/backup/site'],
      ['POST', '/rest/api/backup-restore/restore/space'],
      ['POST', '/rest/api/backup-restore/restore/site'],
      ['GET', '/rest/api/backup-restore/jobs'],
      ['GET', '/rest/api/backup-restore/jobs/1'],
      ['PUT', '/rest/api/backup-restore/jobs/1/cancel'],
      ['PUT', '/rest/api/backup-restore/jobs/clear-queue'],
      ['GET', '/rest/api/backup-restore/jobs/1/download'],
      ['GET', '/rest/api/backup-restore/restore/files'],
    ] as const) {
      const response = await source.request(method, path, {
        auth: nadia,
        headers: noCheck,
        ...(method === 'POST' && { json: { spaceKeys: ['BAK'], fileName: 'x.zip' } }),
      });
      assert.equal(response.status, 403, `${method} ${path}: ${response.text}`);
    }
    const upload = await source.request('POST', '/rest/api/backup-restore/restore/space/upload', {
      auth: nadia,
      body: multipartForm([{ name: 'x.zip', content: 'x' }]),
      headers: noCheck,
    });
    assert.equal(upload.status, 403);
    assert.equal((await source.request('GET', '/rest/api/backup-restore/jobs', { auth: null })).status, 401);
  });
});
