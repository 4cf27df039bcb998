import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

describe('archiving and restoring spaces', () => {
  let site: TestServer;
  const fay: [string, string] = ['fay', 'fay-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'fay');
    await aSpace(site, 'OLD');
    await aSpace(site, 'NEW');
  });
  after(() => site.dispose());

  const keysWithStatus = async (status: string) => {
    const response = await site.request('GET', `/rest/api/space?status=${status}`);
    assert.equal(response.status, 200, response.text);
    return (response.body as { results: Json[] }).results.map((space) => space.key);
  };

  it('archives a space, which stays readable and is listed under status=archived, then restores it', async () => {
    const page = await aPage(site, 'OLD', 'Kept page');
    const archived = await site.request('PUT', '/rest/api/space/OLD/archive', { headers: noCheck });
    assert.equal(archived.status, 204, archived.text);
    assert.equal(
      (await site.request('PUT', '/rest/api/space/OLD/archive', { headers: noCheck })).status,
      204,
    );
    assert.deepEqual(await keysWithStatus('archived'), ['OLD']);
    assert.deepEqual(await keysWithStatus('current'), ['NEW']);

    const read = await site.request('GET', '/rest/api/space/OLD', { auth: fay });
    assert.equal(read.status, 200, read.text);
    assert.equal((read.body as Json).status, 'archived');
    assert.equal(
      (await site.request('GET', `/rest/api/content/${String(page.id)}`, { auth: fay })).status,
      200,
    );

    const restored = await site.request('PUT', '/rest/api/space/OLD/restore', { headers: noCheck });
    assert.equal(restored.status, 204, restored.text);
    assert.equal(
      (await site.request('PUT', '/rest/api/space/OLD/restore', { headers: noCheck })).status,
      204,
    );
    assert.deepEqual(await keysWithStatus('archived'), []);
  });

  it('leaves archiving to space administrators and answers 404 for a missing space', async () => {
    assertRestError(
      await site.request('PUT', '/rest/api/space/NEW/archive', { auth: fay, headers: noCheck }),
      403,
    );
    assertRestError(await site.request('PUT', '/rest/api/space/NONE/archive', { headers: noCheck }), 404);
    assertRestError(
      await site.request('PUT', '/rest/api/space/NEW/restore', { auth: fay, headers: noCheck }),
      403,
    );
    assert.deepEqual(await keysWithStatus('archived'), []);
  });

  it('deletes a space with its labels, watches and settings', async () => {
    await aSpace(site, 'BYE');
    assert.equal(
      (await site.request('POST', '/rest/api/space/BYE/category/farewell', { headers: noCheck })).status,
      204,
    );
    assert.equal(
      (await site.request('POST', '/rest/api/user/watch/space/BYE', { auth: fay, headers: noCheck })).status,
      204,
    );
    const settings = await site.request('PUT', '/wiki/rest/api/space/BYE/settings', {
      json: { routeOverrideEnabled: true },
    });
    assert.equal(settings.status, 200, settings.text);
    const deleted = await site.request('DELETE', '/rest/api/space/BYE');
    assert.equal(deleted.status, 202, deleted.text);
    const statusPath = new URL((deleted.body as { links: { status: string } }).links.status).pathname;
    let task: Json = {};
    for (let attempt = 0; attempt < 100 && task.finished !== true; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      task = (await site.request('GET', statusPath)).body as Json;
    }
    assert.equal(task.successful, true, JSON.stringify(task));
    assertRestError(await site.request('GET', '/rest/api/space/BYE'), 404);
    const listed = await site.request('GET', '/rest/api/space?label=team:farewell');
    assert.equal((listed.body as { size: number }).size, 0);
  });

  it('records archiving in the audit log', async () => {
    await site.request('PUT', '/rest/api/space/NEW/archive', { headers: noCheck });
    const log = await site.request('GET', '/rest/api/audit?searchString=archived');
    assert.equal(log.status, 200, log.text);
    const summaries = (log.body as { results: Json[] }).results.map((record) => record.summary);
    assert.ok(summaries.includes('Space archived'), JSON.stringify(summaries));
  });
});

describe('personal spaces', () => {
  let site: TestServer;
  const gus: [string, string] = ['gus', 'gus-pw'];
  const hal: [string, string] = ['hal', 'hal-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'gus');
    await aUser(site, 'hal');
    await aUser(site, 'ivy');
  });
  after(() => site.dispose());

  it("creates the caller's personal space ~username, named after them, once", async () => {
    const created = await site.request('POST', '/rest/api/space/personal', {
      auth: gus,
      json: { description: { plain: { value: 'All mine', representation: 'plain' } } },
    });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/space/personal', 200, created.body);
    const space = created.body as Json;
    assert.equal(space.key, '~gus');
    assert.equal(space.type, 'personal');
    assert.equal(space.name, 'gus Example');

    const read = await site.request('GET', '/rest/api/space/~gus?expand=description.plain,homepage', {
      auth: hal,
    });
    assert.equal(read.status, 200, read.text);
    assert.equal((read.body as { description: { plain: Json } }).description.plain.value, 'All mine');
    assert.equal((read.body as { homepage: Json }).homepage.title, 'gus Example Home');
    // Its owner may administer it; others may not.
    const categoryByOwner = await site.request('POST', '/rest/api/space/~gus/category/me', {
      auth: gus,
      headers: noCheck,
    });
    assert.equal(categoryByOwner.status, 204, categoryByOwner.text);
    assertRestError(
      await site.request('POST', '/rest/api/space/~gus/category/me', { auth: hal, headers: noCheck }),
      403,
    );

    assertRestError(await site.request('POST', '/rest/api/space/personal', { auth: gus, json: {} }), 409);
    const personal = await site.request('GET', '/rest/api/space?type=personal');
    assert.deepEqual(
      (personal.body as { results: Json[] }).results.map((item) => item.key),
      ['~gus'],
    );
  });

  it('keeps a private personal space from other users', async () => {
    const created = await site.request('POST', '/rest/api/space/personal', {
      auth: hal,
      json: { isPrivate: true },
    });
    assert.equal(created.status, 200, created.text);
    assertRestError(await site.request('GET', '/rest/api/space/~hal', { auth: gus }), 404);
    assert.equal((await site.request('GET', '/rest/api/space/~hal', { auth: hal })).status, 200);
    assertRestError(
      await site.request('POST', '/rest/api/space/personal', { json: { isPrivate: 'yes' } }),
      400,
    );
  });

  it('lets an administrator create a personal space for a user, and no one else', async () => {
    assertRestError(
      await site.request('POST', '/rest/api/admin/space/personal/ivy', { auth: gus, json: {} }),
      403,
    );
    const created = await site.request('POST', '/rest/api/admin/space/personal/ivy', { json: {} });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/admin/space/personal/{username}', 200, created.body);
    assert.equal((created.body as Json).key, '~ivy');
    assertRestError(await site.request('POST', '/rest/api/admin/space/personal/ivy', { json: {} }), 409);
    assertRestError(await site.request('POST', '/rest/api/admin/space/personal/nobody', { json: {} }), 404);
    // The space is ivy's: she may administer it.
    const ivy: [string, string] = ['ivy', 'ivy-pw'];
    assert.equal(
      (await site.request('PUT', '/rest/api/space/~ivy/archive', { auth: ivy, headers: noCheck })).status,
      204,
    );
  });
});
