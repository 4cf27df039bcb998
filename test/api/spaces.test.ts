import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface SpacePage {
  results: Json[];
  start: number;
  limit: number;
  size: number;
  _links: { base: string; context: string; self: string; next?: string };
}

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

const linksOf = (value: unknown) => (value as { _links: Record<string, string> })._links;
const expandableOf = (value: unknown) => (value as { _expandable: Record<string, string> })._expandable;
const keysOf = (page: unknown) => (page as SpacePage).results.map((space) => space.key);

describe('spaces on the v1 and Data Center paths', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    for (const name of ['carol', 'dave']) {
      await aUser(site, name);
    }
  });
  after(() => site.dispose());

  /** Every space key the administrator can see. */
  const allKeys = async () => keysOf((await site.request('GET', '/rest/api/space?limit=500')).body);

  it('creates a global space with a "<name> Home" page as its home page', async () => {
    const response = await site.request('POST', '/rest/api/space', {
      json: {
        key: 'DOCS',
        name: 'Documentation',
        description: { plain: { value: 'All the docs', representation: 'plain' } },
      },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/space', 200, response.body);
    const space = response.body as Json;
    assert.equal(typeof space.id, 'number');
    assert.equal(space.key, 'DOCS');
    assert.equal(space.name, 'Documentation');
    assert.equal(space.type, 'global');
    assert.equal(space.status, 'current');
    assert.equal((space.description as { plain: { value: string } }).plain.value, 'All the docs');
    assert.deepEqual(linksOf(space), {
      webui: '/display/DOCS',
      base: site.url,
      context: '',
      collection: '/rest/api/space',
      self: `${site.url}/rest/api/space/DOCS`,
    });

    const homepageLink = expandableOf(space).homepage ?? '';
    assert.match(homepageLink, /^\/rest\/api\/content\/\d+$/);
    const homepage = await site.request('GET', `${homepageLink}?expand=body.storage,space`);
    assert.equal(homepage.status, 200, homepage.text);
    const page = homepage.body as Json;
    assert.equal(page.type, 'page');
    assert.equal(page.status, 'current');
    assert.equal(page.title, 'Documentation Home');
    assert.equal((page.body as { storage: { value: string } }).storage.value, '');
    assert.equal((page.space as Json).key, 'DOCS');
  });

  it('creates a space on the Cloud path in the Cloud shape', async () => {
    const response = await site.request('POST', '/wiki/rest/api/space', {
      json: { key: 'CLOUDY', name: 'Cloudy' },
    });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/space', 200, response.body);
    const links = linksOf(response.body);
    assert.equal(links.webui, '/spaces/CLOUDY');
    assert.equal(links.base, `${site.url}/wiki`);
    assert.equal(links.self, `${site.url}/wiki/rest/api/space/CLOUDY`);
    assert.equal(expandableOf(response.body).retentionPolicy, undefined);
  });

  it('reads a space by key in any case, expanding only what is asked for', async () => {
    const plain = await site.request('GET', '/rest/api/space/docs');
    assert.equal(plain.status, 200, plain.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}', 200, plain.body);
    const space = plain.body as Json;
    assert.equal(space.key, 'DOCS');
    assert.equal(space.description, undefined);
    assert.equal(space.homepage, undefined);
    assert.equal(expandableOf(space).description, '');

    const expanded = await site.request('GET', '/rest/api/space/DOCS?expand=description.plain,homepage,icon');
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}', 200, expanded.body);
    const full = expanded.body as Json;
    assert.equal((full.description as { plain: { value: string } }).plain.value, 'All the docs');
    assert.equal((full.homepage as Json).title, 'Documentation Home');
    assert.equal((full.icon as Json).isDefault, true);
    assert.equal(expandableOf(full).homepage, undefined);
    assert.equal(expandableOf(full).description, undefined);

    const cloud = await site.request(
      'GET',
      '/wiki/rest/api/space/DOCS?expand=description.plain,homepage,history,icon',
    );
    assert.equal(cloud.status, 200, cloud.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/space/{spaceKey}', 200, cloud.body);
    assert.equal((cloud.body as Json).id, space.id);
    assert.match(String(((cloud.body as Json).history as Json).createdDate), /^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('answers an unknown space key with a 404 RestError', async () => {
    assertRestError(await site.request('GET', '/rest/api/space/NOPE'), 404, /NOPE/);
    const cloud = await site.request('GET', '/wiki/rest/api/space/NOPE');
    assert.equal(cloud.status, 404);
  });

  it('accepts a 255-character key and refuses invalid keys, a missing name and a duplicate key with 400, creating nothing', async () => {
    const longest = 'K'.repeat(255);
    const accepted = await site.request('POST', '/rest/api/space', {
      json: { key: longest, name: 'Longest key' },
    });
    assert.equal(accepted.status, 200, accepted.text);

    const before = await allKeys();
    const refusals: [Json, RegExp][] = [
      [{ key: 'HAS SPACE', name: 'x' }, /Invalid space key/],
      [{ key: 'ÄBC', name: 'x' }, /Invalid space key/],
      [{ key: 'A-B', name: 'x' }, /Invalid space key/],
      [{ key: 'K'.repeat(256), name: 'x' }, /Invalid space key/],
      [{ key: 42, name: 'x' }, /Invalid space key/],
      [{ name: 'No key' }, /space key is required/],
      [{ key: 'NONAME' }, /space name is required/],
      [{ key: 'BLANK', name: '   ' }, /space name is required/],
      [{ key: 'docs', name: 'Same key, other case' }, /^A space already exists with key DOCS$/],
      [{ key: 'DOCS', name: 'Same key' }, /^A space already exists with key DOCS$/],
    ];
    for (const [json, message] of refusals) {
      for (const path of ['/rest/api/space', '/rest/api/space/_private', '/wiki/rest/api/space']) {
        assertRestError(await site.request('POST', path, { json }), 400, message);
      }
    }
    const malformed = await site.request('POST', '/rest/api/space', {
      body: '{"key": "BROKEN", "name":',
      headers: { 'content-type': 'application/json' },
    });
    assertRestError(malformed, 400);
    assert.deepEqual(await allKeys(), before);
  });

  it('lists spaces by key in pages with start, limit and a context-relative next link', async () => {
    for (const key of ['LISTA', 'LISTB', 'LISTC']) await aSpace(site, key);
    const first = await site.request(
      'GET',
      '/rest/api/space?spaceKey=LISTA&spaceKey=LISTB&spaceKey=listc&limit=2',
    );
    assert.equal(first.status, 200, first.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/space', 200, first.body);
    const page = first.body as SpacePage;
    assert.deepEqual(keysOf(page), ['LISTA', 'LISTB']);
    assert.equal(page.limit, 2);
    assert.equal(page.size, 2);
    assert.equal(
      page._links.next,
      '/rest/api/space?spaceKey=LISTA&spaceKey=LISTB&spaceKey=listc&limit=2&start=2',
    );
    const second = await site.request('GET', page._links.next ?? '');
    assert.deepEqual(keysOf(second.body), ['LISTC']);
    assert.equal((second.body as SpacePage)._links.next, undefined);

    const cloud = await site.request('GET', '/wiki/rest/api/space?limit=1&expand=description.plain');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/space', 200, cloud.body);
    assert.equal(
      (cloud.body as SpacePage)._links.next,
      '/rest/api/space?limit=1&expand=description.plain&start=1',
    );

    const all = (await site.request('GET', '/rest/api/space')).body as SpacePage;
    assert.equal(all.limit, 25);
    const keys = keysOf(all);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(((await site.request('GET', '/rest/api/space?limit=100000')).body as SpacePage).limit, 500);
  });

  it('filters the list by space id, type and status, and refuses unknown types and statuses', async () => {
    const docs = (await site.request('GET', '/rest/api/space/DOCS')).body as Json;
    const byId = await site.request('GET', `/rest/api/space?spaceId=${docs.id}`);
    assert.deepEqual(keysOf(byId.body), ['DOCS']);
    assert.ok(keysOf((await site.request('GET', '/rest/api/space?type=global')).body).includes('DOCS'));
    assert.deepEqual(keysOf((await site.request('GET', '/rest/api/space?type=personal')).body), []);
    assert.deepEqual(keysOf((await site.request('GET', '/rest/api/space?status=archived')).body), []);
    assertRestError(await site.request('GET', '/rest/api/space?type=team'), 400, /Invalid space type/);
    assertRestError(await site.request('GET', '/rest/api/space?status=gone'), 400, /Invalid space status/);
    assertRestError(await site.request('GET', '/rest/api/space?spaceId=abc'), 400, /spaceId/);
    assertRestError(await site.request('GET', '/rest/api/space?limit=ten'), 400, /limit/);
  });

  it('keeps a private space to its creator and the administrators', async () => {
    const created = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'CAROL', name: "Carol's notes" },
    });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/space/_private', 200, created.body);
    const cloud = await site.request('POST', '/wiki/rest/api/space/_private', {
      auth: carol,
      json: { key: 'CAROL2', name: 'More notes' },
    });
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/space/_private', 200, cloud.body);

    assert.equal((await site.request('GET', '/rest/api/space/CAROL', { auth: carol })).status, 200);
    assert.equal((await site.request('GET', '/rest/api/space/CAROL')).status, 200);
    assertRestError(await site.request('GET', '/rest/api/space/CAROL', { auth: dave }), 404);
    const davesList = await site.request('GET', '/rest/api/space?limit=500', { auth: dave });
    assert.ok(!keysOf(davesList.body).includes('CAROL'));
    assert.ok(keysOf(davesList.body).includes('DOCS'));
    assert.deepEqual(
      keysOf((await site.request('GET', '/rest/api/space?spaceKey=CAROL', { auth: dave })).body),
      [],
    );
    assert.deepEqual(
      keysOf((await site.request('GET', '/rest/api/space?spaceKey=CAROL', { auth: carol })).body),
      ['CAROL'],
    );
  });

  it('refuses to create a space without credentials', async () => {
    const response = await site.request('POST', '/rest/api/space', {
      auth: null,
      json: { key: 'ANON', name: 'x' },
    });
    assertRestError(response, 401);
    assert.ok(!(await allKeys()).includes('ANON'));
  });

  it("updates a space's name, description and home page for its administrator only", async () => {
    await aSpace(site, 'CARE', 'Care');
    const owned = await site.request('POST', '/rest/api/space', {
      auth: carol,
      json: { key: 'CAROLS', name: 'Carols' },
    });
    assert.equal(owned.status, 200);

    assertRestError(
      await site.request('PUT', '/rest/api/space/CAROLS', { auth: dave, json: { name: 'Taken over' } }),
      403,
    );
    const updated = await site.request('PUT', '/rest/api/space/carols', {
      auth: carol,
      json: {
        key: 'CAROLS',
        name: ' Carol writes ',
        description: { plain: { value: 'Her space', representation: 'plain' } },
      },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('dc', 'PUT', '/rest/api/space/{spaceKey}', 200, updated.body);
    assert.equal((updated.body as Json).name, 'Carol writes');
    const read = (await site.request('GET', '/rest/api/space/CAROLS?expand=description.plain')).body as Json;
    assert.equal(read.name, 'Carol writes');
    assert.equal((read.description as { plain: { value: string } }).plain.value, 'Her space');

    const page = await aPage(site, 'CARE', 'New front page');
    const moved = await site.request('PUT', '/wiki/rest/api/space/CARE', {
      json: { homepage: { id: page.id } },
    });
    assert.equal(moved.status, 200, moved.text);
    assertMatchesSpec('cloud-v1', 'PUT', '/wiki/rest/api/space/{spaceKey}', 200, moved.body);
    assert.equal(expandableOf(moved.body).homepage, `/rest/api/content/${page.id}`);
    assert.equal((moved.body as Json).name, 'Care');
  });

  it('refuses bad updates with 400 and an unknown space with 404, changing nothing', async () => {
    const elsewhere = await aPage(site, 'DOCS', 'Not in CARE');
    const before = (await site.request('GET', '/rest/api/space/CARE?expand=description.plain')).body;
    assertRestError(await site.request('PUT', '/rest/api/space/CARE', { json: { name: '' } }), 400, /name/);
    assertRestError(
      await site.request('PUT', '/rest/api/space/CARE', { json: { name: 'N'.repeat(201) } }),
      400,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/CARE', { json: { homepage: { id: elsewhere.id } } }),
      400,
      /home page/,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/CARE', { json: { homepage: { id: 'x' } } }),
      400,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/CARE', { json: { description: 'flat text' } }),
      400,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/CARE', {
        body: '{"name"',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    assertRestError(await site.request('PUT', '/rest/api/space/NOPE', { json: { name: 'x' } }), 404);
    assert.deepEqual(
      (await site.request('GET', '/rest/api/space/CARE?expand=description.plain')).body,
      before,
    );
  });
});

describe('deleting a space as a long task', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    const created = await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'dave', fullName: 'Dave Example', email: 'dave@example.com', password: 'dave-pw' },
    });
    assert.equal(created.status, 201);
  });
  after(() => site.dispose());

  /** The site-relative path of an absolute link the server gave out. */
  const pathOf = (link: string) => {
    assert.ok(link.startsWith(site.url), `${link} is not under ${site.url}`);
    return link.slice(site.url.length);
  };

  /** Polls the task until it finishes, as clients do; bounded so a stuck task fails the test. */
  async function finishedTask(statusPath: string): Promise<Json> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await site.request('GET', statusPath);
      assert.equal(response.status, 200, response.text);
      const task = response.body as Json;
      if (task.finished === true) return task;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`task at ${statusPath} did not finish`);
  }

  it('answers 202 with a task to poll, then the space, its pages and its properties are gone', async () => {
    await aSpace(site, 'GONE', 'Gone');
    const page = await aPage(site, 'GONE', 'Doomed page');
    const property = await site.request('POST', '/rest/api/space/GONE/property', {
      json: { key: 'k', value: { a: 1 } },
    });
    assert.equal(property.status, 200, property.text);
    const homepageLink =
      expandableOf((await site.request('GET', '/rest/api/space/GONE')).body).homepage ?? '';

    const response = await site.request('DELETE', '/rest/api/space/GONE');
    assert.equal(response.status, 202, response.text);
    assertMatchesSpec('dc', 'DELETE', '/rest/api/space/{spaceKey}', 202, response.body);
    const submission = response.body as { id: string; links: { status: string } };
    assert.equal(submission.links.status, `${site.url}/rest/api/longtask/${submission.id}`);

    const task = await finishedTask(pathOf(submission.links.status));
    assertMatchesSpec('dc', 'GET', '/rest/api/longtask/{id}', 200, task);
    assert.equal(task.id, submission.id);
    assert.equal(task.successful, true);
    assert.equal(task.percentageComplete, 100);
    assert.equal(typeof task.elapsedTime, 'number');
    const messages = (task.messages as { translation: string }[]).map((message) => message.translation);
    assert.equal(messages.at(-1), 'Space GONE deleted');

    assertRestError(await site.request('GET', '/rest/api/space/GONE'), 404);
    assertRestError(await site.request('GET', homepageLink), 404);
    assertRestError(await site.request('GET', `/rest/api/content/${page.id}`), 404);
    assertRestError(await site.request('GET', '/rest/api/space/GONE/property/k'), 404);

    const cloudTask = await site.request('GET', `/wiki/rest/api/longtask/${submission.id}`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/longtask/{id}', 200, cloudTask.body);
    const list = await site.request('GET', '/rest/api/longtask');
    assertMatchesSpec('dc', 'GET', '/rest/api/longtask', 200, list.body);
    assert.equal((list.body as SpacePage).limit, 100);
    assert.deepEqual(
      (list.body as SpacePage).results.map((item) => item.id),
      [submission.id],
    );
    const cloudList = await site.request('GET', '/wiki/rest/api/longtask');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/longtask', 200, cloudList.body);

    // The key is free again.
    assert.equal(
      (await site.request('POST', '/rest/api/space', { json: { key: 'GONE', name: 'Again' } })).status,
      200,
    );
  });

  it('gives Cloud clients a status link under /wiki', async () => {
    await aSpace(site, 'CLOUDGONE');
    const response = await site.request('DELETE', '/wiki/rest/api/space/CLOUDGONE');
    assert.equal(response.status, 202);
    const submission = response.body as { id: string; links: { status: string } };
    assert.equal(submission.links.status, `${site.url}/wiki/rest/api/longtask/${submission.id}`);
    const task = await finishedTask(pathOf(submission.links.status));
    assert.equal(task.successful, true);
    assert.equal((await site.request('GET', '/wiki/rest/api/space/CLOUDGONE')).status, 404);
  });

  it("keeps a user's view of tasks to their own, and answers an unknown task with 404", async () => {
    const tasks = (await site.request('GET', '/rest/api/longtask')).body as SpacePage;
    const someone = tasks.results[0]?.id;
    assert.ok(typeof someone === 'string');
    assertRestError(
      await site.request('GET', `/rest/api/longtask/${someone}`, { auth: ['dave', 'dave-pw'] }),
      404,
    );
    const davesTasks = await site.request('GET', '/rest/api/longtask', { auth: ['dave', 'dave-pw'] });
    assert.deepEqual((davesTasks.body as SpacePage).results, []);
    assertRestError(await site.request('GET', '/rest/api/longtask/no-such-task'), 404);
  });

  it('refuses to delete an unknown space (404) or one the caller does not administer (403), deleting nothing', async () => {
    await aSpace(site, 'KEEP');
    assertRestError(await site.request('DELETE', '/rest/api/space/NOPE'), 404);
    assertRestError(await site.request('DELETE', '/rest/api/space/KEEP', { auth: ['dave', 'dave-pw'] }), 403);
    assert.equal((await site.request('GET', '/rest/api/space/KEEP')).status, 200);
  });
});
