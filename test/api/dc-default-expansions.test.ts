import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dcDefaultExpansions } from '../../src/http/v1/dc-default-expansions.ts';
import { aPage, aSpace } from '../support/builders.ts';
import { readDcDefaultExpansions } from '../support/dc-default-expansions.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const expandableOf = (body: Json) => (body._expandable ?? {}) as Json;

/** Asserts each field is expanded (present as an object or array) and not left in `_expandable`. */
function assertExpanded(body: unknown, fields: string[]) {
  assert.ok(isObject(body));
  for (const field of fields) {
    assert.ok(isObject(body[field]), `${field} is not expanded: ${JSON.stringify(body).slice(0, 400)}`);
    assert.equal(field in expandableOf(body), false, `${field} is still listed as expandable`);
  }
}

// The DC spec's draft-blueprint publishing operations are not routed (docs/coverage.md).
const unrouted = new Set([
  'POST /rest/api/content/blueprint/instance/{draftId}',
  'PUT /rest/api/content/blueprint/instance/{draftId}',
]);

describe('the default expansions of the Data Center spec', () => {
  it('are the table the server applies, generated from the spec', () => {
    assert.deepEqual(
      Object.entries(dcDefaultExpansions).sort(([a], [b]) => a.localeCompare(b)),
      readDcDefaultExpansions(),
      'run `node --import tsx test/support/write-dc-default-expansions.ts`',
    );
    assert.equal(Object.keys(dcDefaultExpansions).length, 12);
  });

  describe('over HTTP, when the client names no expand', () => {
    let site: TestServer;
    let pageId: string;
    const tested = new Set<string>();
    const operation = (name: string) => {
      assert.ok(name in dcDefaultExpansions, `${name} is not in the table`);
      tested.add(name);
    };

    before(async () => {
      site = await startTestServer();
      await aSpace(site, 'EXP');
      const page = await aPage(site, 'EXP', 'Expanded');
      pageId = String(page.id);
      const updated = await site.request('PUT', `/rest/api/content/${pageId}`, {
        json: { type: 'page', title: 'Expanded', version: { number: 2 } },
      });
      assert.equal(updated.status, 200, updated.text);
    });
    after(() => site.dispose());

    it('POST /content answers with body.storage, history, space, version, ancestors and container', async () => {
      operation('POST /rest/api/content');
      const parent = await aPage(site, 'EXP', 'Parent of a created page');
      const created = await site.request('POST', '/rest/api/content', {
        json: {
          type: 'page',
          title: 'Created with defaults',
          space: { key: 'EXP' },
          ancestors: [{ id: parent.id }],
          body: { storage: { value: '<p>x</p>', representation: 'storage' } },
        },
      });
      assert.equal(created.status, 200, created.text);
      assertMatchesSpec('dc', 'POST', '/rest/api/content', 200, created.body);
      assertExpanded(created.body, ['body', 'history', 'space', 'version', 'ancestors', 'container']);
      const body = created.body as Json;
      assert.equal(((body.ancestors as Json[])[0] as Json).id, parent.id);
      assert.ok(isObject((body.body as Json).storage));

      const named = await site.request('POST', '/rest/api/content?expand=version', {
        json: { type: 'page', title: 'Created asking for version', space: { key: 'EXP' } },
      });
      assert.equal(named.status, 200, named.text);
      assertExpanded(named.body, ['version']);
      assert.ok('history' in expandableOf(named.body as Json), 'an expand of its own replaces the default');
    });

    it('GET /content/{id} answers with history, space and version', async () => {
      operation('GET /rest/api/content/{id}');
      const read = await site.request('GET', `/rest/api/content/${pageId}`);
      assertExpanded(read.body, ['history', 'space', 'version']);
      assert.equal(((read.body as Json).version as Json).number, 2);
    });

    it('GET /content/{id}/history answers with lastUpdated and previousVersion, as update_page reads them', async () => {
      operation('GET /rest/api/content/{id}/history');
      const history = await site.request('GET', `/rest/api/content/${pageId}/history`);
      assert.equal(history.status, 200, history.text);
      assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/history', 200, history.body);
      assertExpanded(history.body, ['lastUpdated', 'previousVersion']);
      const body = history.body as Json;
      assert.equal((body.lastUpdated as Json).number, 2);
      assert.equal((body.previousVersion as Json).number, 1);
      // The current version has none after it; Confluence leaves the field out.
      assert.equal('nextVersion' in body, false);

      const named = await site.request('GET', `/rest/api/content/${pageId}/history?expand=contributors`);
      assert.equal('lastUpdated' in (named.body as Json), false);
      const cloud = await site.request('GET', `/wiki/rest/api/content/${pageId}/history`);
      assert.equal('lastUpdated' in (cloud.body as Json), false, 'Cloud paths keep their own defaults');
    });

    it('the restriction reads and PUT answer with their users and groups', async () => {
      const base = `/rest/api/content/${pageId}/restriction`;
      operation('PUT /rest/api/content/{id}/restriction');
      const put = await site.request('PUT', base, {
        json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
      });
      assert.equal(put.status, 200, put.text);
      const readEntry = ((put.body as Json).results as Json[]).find((entry) => entry.operation === 'read');
      assertExpanded(readEntry?.restrictions, ['user', 'group']);

      operation('GET /rest/api/content/{id}/restriction/byOperation');
      const byOperation = (await site.request('GET', `${base}/byOperation`)).body as Json;
      assertExpanded((byOperation.read as Json).restrictions, ['user', 'group']);
      assertExpanded((byOperation.update as Json).restrictions, ['user', 'group']);
      const names = (((byOperation.read as Json).restrictions as Json).user as Json).results as Json[];
      assert.deepEqual(
        names.map((user) => user.username),
        ['admin'],
      );

      operation('GET /rest/api/content/{id}/restriction/byOperation/{operationKey}');
      const one = (await site.request('GET', `${base}/byOperation/read`)).body as Json;
      assertExpanded(one.restrictions, ['user', 'group']);

      operation('GET /rest/api/content/{id}/restriction/relevantViewRestrictions');
      const relevant = await site.request('GET', `${base}/relevantViewRestrictions`);
      assert.equal(relevant.status, 200, relevant.text);
      const entries = ((relevant.body as Json).viewContentRestrictions as Json).results as Json[];
      assert.equal(entries.length, 1);
      assertExpanded(entries[0]?.restrictions, ['user', 'group']);
    });

    it('the space property reads answer with the version', async () => {
      const created = await site.request('POST', '/rest/api/space/EXP/property', {
        json: { key: 'colour', value: { name: 'teal' } },
      });
      assert.equal(created.status, 200, created.text);
      operation('GET /rest/api/space/{spaceKey}/property');
      const list = (await site.request('GET', '/rest/api/space/EXP/property')).body as Json;
      assertExpanded((list.results as Json[])[0], ['version']);
      operation('GET /rest/api/space/{spaceKey}/property/{key}');
      const one = await site.request('GET', '/rest/api/space/EXP/property/colour');
      assertExpanded(one.body, ['version']);
      const named = await site.request('GET', '/rest/api/space/EXP/property/colour?expand=space');
      assert.ok('version' in expandableOf(named.body as Json));
    });

    it('the space trash answers with ancestors, container, space and metadata', async () => {
      operation('GET /rest/api/space/{spaceKey}/trash');
      const parent = await aPage(site, 'EXP', 'Trash parent');
      const child = await aPage(site, 'EXP', 'Trashed child', { parentId: String(parent.id) });
      assert.equal((await site.request('DELETE', `/rest/api/content/${child.id}`)).status, 204);
      const trash = await site.request('GET', '/rest/api/space/EXP/trash');
      assert.equal(trash.status, 200, trash.text);
      const item = ((trash.body as Json).results as Json[])[0];
      assertExpanded(item, ['ancestors', 'container', 'space', 'metadata']);
    });

    it('covers every routed operation of the table', () => {
      const untested = Object.keys(dcDefaultExpansions).filter(
        (name) => !tested.has(name) && !unrouted.has(name),
      );
      assert.deepEqual(untested, []);
    });
  });
});
