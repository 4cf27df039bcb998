import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { anUpload, aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { sqliteOnly } from '../support/test-database.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
const reset = '/rest/tributary/1.0/reset';
const faultsPath = '/rest/tributary/1.0/faults';
const journalPath = '/rest/tributary/1.0/requests';
// A reset replaces the site's rows; S3 is allowed here as the tests' own bucket prefix is throwaway.
const testMode = { TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' };

describe('test mode: POST /rest/tributary/1.0/reset', sqliteOnly, () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer(testMode);
  });
  after(async () => {
    await site?.dispose();
  });

  it('returns the site to its state right after start: pages, attachments, users and tokens vanish', async () => {
    const blobsAtStart = await site.blobStore.blobHashes();
    await aSpace(site, 'TM');
    const page = await aPage(site, 'TM', 'Made during a test');
    const upload = await anUpload(site, String(page.id), [{ name: 'notes.txt', content: 'bytes of a test' }]);
    assert.equal(upload.status, 200, upload.text);
    await aUser(site, 'bob');
    const { secret } = await createToken(site.server.site.services, systemPrincipal, {
      username: 'bob',
      name: 'bob in a test',
    });
    const bob = { bearer: secret };
    assert.equal((await site.request('GET', '/rest/api/user/current', { auth: bob })).status, 200);
    assert.equal((await site.request('GET', '/rest/api/space', { auth: ['bob', 'bob-pw'] })).status, 200);

    const answer = await site.request('POST', reset, { headers: noCheck });
    assert.equal(answer.status, 204, answer.text);

    assert.equal((await site.request('GET', `/rest/api/content/${page.id}`)).status, 404);
    const spaces = await site.request('GET', '/wiki/api/v2/spaces');
    assert.deepEqual((spaces.body as { results: unknown[] }).results, []);
    // Credentials remembered across requests before the reset are not believed after it.
    assert.equal((await site.request('GET', '/rest/api/user/current', { auth: bob })).status, 401);
    assert.equal((await site.request('GET', '/rest/api/space', { auth: ['bob', 'bob-pw'] })).status, 401);
    assert.deepEqual(await site.blobStore.blobHashes(), blobsAtStart);
    const admin = await site.request('GET', '/rest/api/user/current');
    assert.equal((admin.body as Json).username, 'admin');
  });

  it('leaves the site usable, and as new, for the next test', async () => {
    await aSpace(site, 'TM');
    const page = await aPage(site, 'TM', 'Made during a test');
    const upload = await anUpload(site, String(page.id), [{ name: 'notes.txt', content: 'bytes of a test' }]);
    assert.equal(upload.status, 200, upload.text);
    await aUser(site, 'bob');
    assert.equal((await site.request('POST', reset, { headers: noCheck })).status, 204);
    assert.equal((await site.request('GET', '/rest/api/space/TM')).status, 404);
  });

  it('waits for requests under way, and lets none in until it is done', async () => {
    await aSpace(site, 'RACE');
    const page = (title: string) => ({ type: 'page', title, space: { key: 'RACE' } });
    const writes = Array.from({ length: 20 }, (_, index) =>
      site.request('POST', '/rest/api/content', { json: page(`Page ${index}`) }),
    );
    const during = site.request('POST', reset, { headers: noCheck });
    const reads = Array.from({ length: 10 }, () => site.request('GET', '/rest/api/space/RACE'));
    assert.equal((await during).status, 204);
    // Each request ran wholly before the reset or wholly after it (the space gone): none failed.
    for (const answer of await Promise.all([...writes, ...reads])) {
      assert.ok([200, 404].includes(answer.status), answer.text);
    }
    assert.equal((await site.request('GET', '/rest/api/space/RACE')).status, 404);
    const left = await site.request('GET', '/rest/api/content?type=page');
    assert.equal((left.body as { size: number }).size, 0);
  });

  it('is for administrators only: 403 for another user', async () => {
    await aUser(site, 'carol');
    const answer = await site.request('POST', reset, { auth: ['carol', 'carol-pw'], headers: noCheck });
    assert.equal(answer.status, 403, answer.text);
    assert.equal((await site.request('POST', reset, { headers: noCheck })).status, 204);
  });

  it('refuses anyone else before holding requests back: a request under way does not delay the 403', async () => {
    await aUser(site, 'dave');
    // A request admitted and under way until the test ends its body: a reset would have to wait for it.
    const url = new URL(`${site.reachableUrl}/rest/api/content`);
    const held = httpRequest(url, {
      method: 'POST',
      headers: { authorization: basic('admin', adminPassword), 'content-type': 'application/json' },
    });
    held.write('{"type": "page", ');
    await once(held, 'socket');
    await site.request('GET', '/rest/api/space'); // admitted after the held one's headers arrived
    const refused = await site.request('POST', reset, { auth: ['dave', 'dave-pw'], headers: noCheck });
    assert.equal(refused.status, 403, refused.text);
    const anonymous = await site.request('POST', reset, { auth: null, headers: noCheck });
    assert.ok([401, 403].includes(anonymous.status), anonymous.text);
    // No reset holds the door: another request is answered while the first is still under way.
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
    const answered = once(held, 'response');
    held.end('"title": "Held", "space": {"key": "NOPE"}}');
    const [response] = (await answered) as [import('node:http').IncomingMessage];
    response.resume();
    assert.ok(response.statusCode !== undefined && response.statusCode < 500);
  });

  it('runs two resets sent together one after the other: both answer 204', async () => {
    await aSpace(site, 'TWO');
    const answers = await Promise.all([
      site.request('POST', reset, { headers: noCheck }),
      site.request('POST', reset, { headers: noCheck }),
    ]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [204, 204],
    );
    assert.equal((await site.request('GET', '/rest/api/space/TWO')).status, 404);
  });
});

describe('test mode: bytes of the snapshot', sqliteOnly, () => {
  let site: TestServer | undefined;
  after(async () => {
    await site?.dispose();
  });

  it('outlive a purge: a reset brings back the attachment with its bytes', async () => {
    const before = await startTestServer();
    await aSpace(before, 'KEEP');
    const page = await aPage(before, 'KEEP', 'Kept');
    const content = 'bytes taken into the snapshot';
    const upload = await anUpload(before, String(page.id), [{ name: 'kept.txt', content }]);
    assert.equal(upload.status, 200, upload.text);
    const attachmentId = String(((upload.body as { results: Json[] }).results[0] as Json).id);
    await before.stop();
    site = await startTestServer(testMode, before.dataDir);

    const purged = await site.request(
      'DELETE',
      `/rest/extender/1.0/content/attachment/${attachmentId}/delete`,
    );
    assert.equal(purged.status, 200, purged.text);
    const download = `/rest/api/content/${page.id}/child/attachment/${attachmentId}/download`;
    assert.equal((await site.request('GET', download)).status, 404);
    assert.equal((await site.request('POST', reset, { headers: noCheck })).status, 204);

    const after = await site.request('GET', download);
    assert.equal(after.status, 200, after.text);
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.equal(sha256(after.text), sha256(content));
    assert.ok((await site.blobStore.blobHashes()).includes(sha256(content)));
  });
});

describe('without test mode', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(async () => {
    await site?.dispose();
  });

  it('answers 404 at the reset endpoint', async () => {
    assert.equal((await site.request('POST', reset, { headers: noCheck })).status, 404);
  });

  it('has no fault routes: 404, as any unknown path', async () => {
    assert.equal((await site.request('GET', faultsPath)).status, 404);
    assert.equal((await site.request('POST', faultsPath, { json: { path: '/x', status: 503 } })).status, 404);
    assert.equal((await site.request('DELETE', faultsPath)).status, 404);
  });

  it('has no journal: its paths answer 404', async () => {
    assert.equal((await site.request('GET', journalPath)).status, 404);
    assert.equal((await site.request('GET', `${journalPath}/summary`)).status, 404);
    assert.equal((await site.request('DELETE', journalPath)).status, 404);
  });
});

describe('test mode: TRIBUTARY_MAX_PAGE_SIZE', () => {
  let site: TestServer;
  const keys = ['PA', 'PB', 'PC', 'PD', 'PE', 'PF', 'PG'];
  before(async () => {
    site = await startTestServer({ ...testMode, TRIBUTARY_MAX_PAGE_SIZE: '3' });
    for (const key of keys) await aSpace(site, key);
    const page = await aPage(site, 'PA', 'With attachments');
    const files = keys.map((key) => ({ name: `${key}.txt`, content: key }));
    assert.equal((await anUpload(site, String(page.id), files)).status, 200);
  });
  after(async () => {
    await site?.dispose();
  });

  /** Every page of a list from `first`, following `_links.next`; answers each page's size and the items. */
  async function walk(first: string, field: string) {
    const sizes: number[] = [];
    const items: string[] = [];
    for (let next: string | undefined = first; next !== undefined; ) {
      const answer = await site.request('GET', next);
      assert.equal(answer.status, 200, answer.text);
      const body = answer.body as { results: Json[]; _links: { next?: string } };
      sizes.push(body.results.length);
      items.push(...body.results.map((item) => String(item[field])));
      next = body._links.next;
    }
    return { sizes, items };
  }

  it('caps v1 lists whatever limit is asked, and _links.next reaches every item', async () => {
    const { sizes, items } = await walk('/rest/api/space?limit=100', 'key');
    assert.deepEqual(sizes, [3, 3, 1]);
    assert.deepEqual(items.sort(), keys);
    const page = await site.request('GET', '/rest/api/content?type=page&title=With%20attachments');
    const pageId = ((page.body as { results: Json[] }).results[0] as Json).id;
    const attachments = await walk(`/rest/api/content/${pageId}/child/attachment`, 'title');
    assert.deepEqual(attachments.sizes, [3, 3, 1]);
    assert.equal(attachments.items.length, keys.length);
  });

  it('caps v2 lists, and their cursors reach every item', async () => {
    const { sizes, items } = await walk('/wiki/api/v2/spaces?limit=250', 'key');
    assert.deepEqual(sizes, [3, 3, 1]);
    assert.deepEqual(items.sort(), keys);
  });

  it('leaves a smaller limit as asked', async () => {
    const answer = await site.request('GET', '/rest/api/space?limit=2');
    assert.equal((answer.body as { size: number }).size, 2);
  });
});

describe("test mode: TRIBUTARY_MAX_PAGE_SIZE above a list's default", () => {
  let site: TestServer;
  let pageId: string;
  before(async () => {
    site = await startTestServer({ ...testMode, TRIBUTARY_MAX_PAGE_SIZE: '100' });
    await aSpace(site, 'BIG');
    pageId = String((await aPage(site, 'BIG', 'Thirty files')).id);
    const files = Array.from({ length: 30 }, (_, index) => ({ name: `f${index}.txt`, content: `${index}` }));
    assert.equal((await anUpload(site, pageId, files)).status, 200);
  });
  after(async () => {
    await site?.dispose();
  });

  it('leaves the default of a list asked for no limit', async () => {
    const v1 = await site.request('GET', `/wiki/rest/api/content/${pageId}/child/attachment`);
    assert.equal(v1.status, 200, v1.text);
    assert.equal((v1.body as { size: number }).size, 25);
    // Data Center's default is 50: all 30, not 100 nor the Cloud 25.
    const dc = await site.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    assert.equal((dc.body as { size: number; limit: number }).limit, 50);
    assert.equal((dc.body as { size: number }).size, 30);
  });
});

describe('TRIBUTARY_MAX_PAGE_SIZE without test mode', () => {
  it('is ignored', async () => {
    const site = await startTestServer({ TRIBUTARY_MAX_PAGE_SIZE: '1' });
    try {
      await aSpace(site, 'QA');
      await aSpace(site, 'QB');
      const answer = await site.request('GET', '/rest/api/space');
      assert.equal((answer.body as { size: number }).size, 2);
    } finally {
      await site.dispose();
    }
  });
});
