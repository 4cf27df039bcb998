import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { registeredRoutesOf } from '../support/registered-routes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const writeMethods = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
const jsonHeader = { 'content-type': 'application/json', 'x-atlassian-token': 'no-check' };
const emptyJsonRefusal = /Body cannot be empty/i;

/** Every write route the server registers. */
async function writeRoutesOf(site: TestServer): Promise<[method: string, url: string][]> {
  const routes = await registeredRoutesOf(site);
  return routes.filter((route) => writeMethods.has(route.method)).map((route) => [route.method, route.url]);
}

/** Fills each path parameter with a placeholder: ids that may or may not exist are fine here. */
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_whole, name: string) => (/key/i.test(name) ? 'PH' : '1')).replace(/\*$/, 'x');

describe('a body-less write that says Content-Type: application/json', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'BDL');
  });
  after(() => site.dispose());

  it('is never refused for its empty body, on any write route', async () => {
    const routes = await writeRoutesOf(site);
    assert.ok(routes.length > 100, `only ${routes.length} write routes found`);
    const refused: string[] = [];
    for (const [method, url] of routes) {
      const response = await site.request(method, concrete(url), { headers: jsonHeader });
      if (response.status === 400 && emptyJsonRefusal.test(response.text)) refused.push(`${method} ${url}`);
      assert.ok(response.status < 500, `${method} ${url} answered ${response.status}: ${response.text}`);
    }
    assert.deepEqual(refused, []);
  });

  it('takes an empty body of any type as none, and still refuses a body of a type no route reads', async () => {
    for (const type of ['application/json; charset=utf-8', 'text/plain', 'application/xml']) {
      const page = await aPage(site, 'BDL', `Deleted with ${type}`);
      const deleted = await site.request('DELETE', `/rest/api/content/${page.id}`, {
        // A plain-text write is one a browser can make, so it carries the XSRF opt-out as clients send it.
        headers: { 'content-type': type, 'x-atlassian-token': 'no-check' },
      });
      assert.equal(deleted.status, 204, `${type}: ${deleted.text}`);
    }
    const page = await aPage(site, 'BDL', 'Watched with a plain-text header');
    const watched = await site.request('POST', `/rest/api/user/watch/content/${page.id}`, {
      headers: { 'content-type': 'text/plain', 'x-atlassian-token': 'no-check' },
    });
    assert.equal(watched.status, 204, watched.text);
    const refused = await site.request('POST', '/rest/api/content', {
      headers: { 'content-type': 'application/xml', 'x-atlassian-token': 'no-check' },
      body: '<page/>',
    });
    assert.equal(refused.status, 415, refused.text);
  });

  it('still refuses a JSON body that is not JSON', async () => {
    const response = await site.request('POST', '/rest/api/content', {
      headers: jsonHeader,
      body: '{"type":',
    });
    assert.equal(response.status, 400, response.text);
  });

  it('deletes a page (and purges it from the trash) as confluence.js sends it', async () => {
    const page = await aPage(site, 'BDL', 'Deleted with a JSON header');
    const trashed = await site.request('DELETE', `/rest/api/content/${page.id}`, { headers: jsonHeader });
    assert.equal(trashed.status, 204, trashed.text);
    const purged = await site.request('DELETE', `/wiki/rest/api/content/${page.id}?status=trashed`, {
      headers: jsonHeader,
    });
    assert.equal(purged.status, 204, purged.text);
    const gone = await site.request('GET', `/rest/api/content/${page.id}?status=any`);
    assert.equal(gone.status, 404, gone.text);
  });

  it('deletes an attachment as atlassian-python-api sends it', async () => {
    const page = await aPage(site, 'BDL', 'Holds an attachment');
    const uploaded = await anUpload(site, String(page.id), [{ name: 'a.txt', content: 'bytes' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    const attachment = ((uploaded.body as Json).results as Json[])[0] as Json;
    const deleted = await site.request('DELETE', `/rest/api/content/${attachment.id}`, {
      headers: jsonHeader,
    });
    assert.equal(deleted.status, 204, deleted.text);
    const listed = await site.request('GET', `/rest/api/content/${page.id}/child/attachment`);
    assert.deepEqual((listed.body as Json).results, []);
  });

  it('renames an attachment with the DC move operation', async () => {
    const page = await aPage(site, 'BDL', 'Holds a moved attachment');
    const uploaded = await anUpload(site, String(page.id), [{ name: 'old.txt', content: 'bytes' }]);
    const attachment = ((uploaded.body as Json).results as Json[])[0] as Json;
    const moved = await site.request(
      'POST',
      `/rest/api/content/${page.id}/child/attachment/${attachment.id}/move?newName=new.txt`,
      { headers: jsonHeader },
    );
    assert.equal(moved.status, 204, moved.text);
    const read = await site.request('GET', `/rest/api/content/${attachment.id}`);
    assert.equal((read.body as Json).title, 'new.txt');
  });
});
