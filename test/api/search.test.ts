import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cqlFieldAliases, cqlFields } from '../../src/domain/cql/fields.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { type CqlCase, cqlCases, type Searcher } from './search-cases.ts';
import { alice, bob, type SearchSite, seedSearchSite } from './search-site.ts';

type Json = Record<string, unknown>;
type ContentArray = { results: Json[]; totalSize: number; size: number };

const credentials: Record<Searcher, [string, string]> = { alice, bob, admin: ['admin', adminPassword] };

describe('CQL over /rest/api/content/search, against a seeded site', () => {
  let site: TestServer;
  let seeded: SearchSite;

  before(async () => {
    site = await startTestServer();
    seeded = await seedSearchSite(site);
  });
  after(() => site.dispose());

  /** `{Title}` → that item's id, `{att:Title}` → `att` + id, `{userKey:name}` / `{accountId:name}`. */
  const resolve = (cql: string) =>
    cql.replace(/\{(?:(att|userKey|accountId):)?([^{}]+)\}/g, (_, kind: string | undefined, name: string) => {
      if (kind === 'userKey' || kind === 'accountId') {
        return seeded.users[name as 'alice' | 'bob'][kind];
      }
      return `${kind ?? ''}${seeded.idOf(name)}`;
    });

  const run = (testCase: CqlCase) => {
    const params = new URLSearchParams({ cql: resolve(testCase.cql), limit: '200' });
    if (testCase.cqlcontext !== undefined) params.set('cqlcontext', testCase.cqlcontext);
    return site.request('GET', `/rest/api/content/search?${params}`, {
      auth: credentials[testCase.as ?? 'alice'],
    });
  };

  it(`answers each of the ${cqlCases.length} queries of the table exactly`, async () => {
    assert.ok(cqlCases.length >= 150);
    const failures: string[] = [];
    for (const testCase of cqlCases) {
      const response = await run(testCase);
      const label = `${testCase.cql}${testCase.as ? ` as ${testCase.as}` : ''}`;
      if ('error' in testCase.expect) {
        const message = (response.body as Json | undefined)?.message;
        if (response.status !== 400 || message !== testCase.expect.error) {
          failures.push(
            `${label}\n    expected 400 ${JSON.stringify(testCase.expect.error)}\n    got ${response.status} ${JSON.stringify(message)}`,
          );
        }
        continue;
      }
      if (response.status !== 200) {
        failures.push(`${label}\n    expected 200, got ${response.status} ${response.text}`);
        continue;
      }
      const body = response.body as ContentArray;
      const titles = body.results.map((result) => String(result.title));
      const expected = testCase.ordered ? [...testCase.expect] : [...testCase.expect].sort();
      const actual = testCase.ordered ? titles : [...titles].sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected) || body.totalSize !== expected.length) {
        failures.push(
          `${label}\n    expected ${JSON.stringify(expected)}\n    got      ${JSON.stringify(actual)} (totalSize ${body.totalSize})`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });

  const search = (path: string, params: Record<string, string>, auth: [string, string] = alice) =>
    site.request('GET', `${path}?${new URLSearchParams(params)}`, { auth });

  it('renders refusals as a v1 RestError on both prefixes, and requires cql', async () => {
    for (const prefix of ['/rest/api', '/wiki/rest/api']) {
      for (const path of ['/content/search', '/search']) {
        assertRestError(
          await search(prefix + path, { cql: 'type = ' }),
          400,
          /^Expected a value after "=" at column 8$/,
        );
        assertRestError(await search(prefix + path, {}), 400, /^CQL query parameter is required/);
        assertRestError(
          await search(prefix + path, { cql: 'type = page', cqlcontext: 'not json' }),
          400,
          /^cqlcontext is not valid JSON/,
        );
      }
    }
    assertRestError(await search('/rest/api/search', { cql: 'type = page', excerpt: 'loud' }), 400);
    assertRestError(await search('/rest/api/content/search', { cql: 'type = page', cursor: '!!' }), 400);
  });

  it("never shows a private space's content to another user, nor counts it in totalSize", async () => {
    const cql = 'text ~ "secret" or label = contract';
    const forAlice = (await search('/rest/api/content/search', { cql })).body as ContentArray;
    assert.deepEqual(forAlice.results.map((result) => result.title).sort(), [
      'Incident Report',
      'report-q1.pdf',
    ]);
    assert.equal(forAlice.totalSize, 2);
    const viaSearch = (await search('/wiki/rest/api/search', { cql })).body as ContentArray;
    assert.equal(viaSearch.totalSize, 2);
    for (const auth of [bob, credentials.admin]) {
      const body = (await search('/rest/api/content/search', { cql }, auth)).body as ContentArray;
      assert.equal(body.totalSize, 3);
      assert.ok(body.results.some((result) => result.title === 'Secret Plan'));
    }
  });

  it('pages with start and limit, and with the Cloud cursor in _links.next', async () => {
    const cql = 'space = DEV and type != comment order by title';
    const all = (await search('/rest/api/content/search', { cql })).body as ContentArray;
    assert.equal(all.totalSize, 12);
    const titles = all.results.map((result) => result.title);

    const first = (await search('/wiki/rest/api/content/search', { cql, limit: '5' }))
      .body as ContentArray & {
      limit: number;
      _links: { next?: string };
    };
    assert.equal(first.limit, 5);
    assert.equal(first.size, 5);
    assert.equal(first.totalSize, 12);
    const followed = [...first.results.map((result) => result.title)];
    let next = first._links.next;
    while (next !== undefined) {
      assert.match(next, /^\/rest\/api\/content\/search\?.*cursor=/);
      const cursor = new URLSearchParams(next.split('?')[1]).get('cursor') ?? '';
      // Cloud ignores `start` when a cursor is given; only the cursor moves the window.
      const page = (await search('/wiki/rest/api/content/search', { cql, limit: '5', cursor, start: '0' }))
        .body as ContentArray & { _links: { next?: string } };
      followed.push(...page.results.map((result) => result.title));
      next = page._links.next;
    }
    assert.deepEqual(followed, titles);

    const third = (await search('/rest/api/content/search', { cql, start: '10', limit: '5' }))
      .body as ContentArray & {
      _links: { next?: string; prev?: string };
    };
    assert.deepEqual(
      third.results.map((result) => result.title),
      titles.slice(10),
    );
    assert.equal(third._links.next, undefined);
    assert.match(third._links.prev ?? '', /start=5/);
    const past = (await search('/rest/api/content/search', { cql, start: '50' })).body as ContentArray;
    assert.deepEqual([past.size, past.totalSize], [0, 12]);
    const clamped = (await search('/rest/api/content/search', { cql, limit: '1000' })).body as {
      limit: number;
    };
    assert.equal(clamped.limit, 200);
    const defaulted = (await search('/rest/api/content/search', { cql })).body as { limit: number };
    assert.equal(defaulted.limit, 25);
  });

  it('answers /content/search as a ContentArray with the expansions asked for', async () => {
    const cql = `container = ${seeded.idOf('Architecture Overview')} order by title`;
    for (const [spec, path] of [
      ['dc', '/rest/api/content/search'],
      ['cloud-v1', '/wiki/rest/api/content/search'],
    ] as const) {
      const response = await search(path, { cql, expand: 'space,version,container' });
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec(spec, 'GET', path, 200, response.body);
      const [first] = (response.body as ContentArray).results;
      assert.equal((first?.space as Json | undefined)?.key, 'DEV');
      assert.equal((first?.container as Json | undefined)?.title, 'Architecture Overview');
      assert.equal(
        first?.id,
        spec === 'dc' ? seeded.idOf('diagram.png') : `att${seeded.idOf('diagram.png')}`,
      );
    }
  });

  it('answers /search with result wrappers, highlighted excerpts and the normalised query', async () => {
    for (const [spec, path] of [
      ['dc', '/rest/api/search'],
      ['cloud-v1', '/wiki/rest/api/search'],
    ] as const) {
      const response = await search(path, {
        cql: 'text ~ "advanced search*" and space = dev order by title',
        expand: 'content.space',
      });
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec(spec, 'GET', path, 200, response.body);
      const body = response.body as Json & { results: Json[] };
      assert.equal(body.cqlQuery, 'text ~ "advanced search*" AND space = dev ORDER BY title ASC');
      assert.equal(body.totalSize, 2);
      assert.equal(typeof body.searchDuration, 'number');
      const design: Json = body.results[0] ?? {};
      const tuning: Json = body.results[1] ?? {};
      assert.equal(design.title, 'Database Design');
      assert.equal(
        design.excerpt,
        'Tables and indexes for the @@@hl@@@advanced@@@endhl@@@ @@@hl@@@search@@@endhl@@@ feature.',
      );
      assert.equal(
        tuning.excerpt,
        '@@@hl@@@Advanced@@@endhl@@@ @@@hl@@@searching@@@endhl@@@ with café-grade precision.',
      );
      assert.equal(design.entityType, 'content');
      assert.equal(design.iconCssClass, 'aui-icon content-type-page');
      assert.deepEqual(design.breadcrumbs, []);
      assert.equal(((design.content as Json).space as Json).key, 'DEV');
      assert.deepEqual(design.resultGlobalContainer, {
        title: 'Development',
        displayUrl: spec === 'dc' ? '/display/DEV' : '/spaces/DEV',
      });
      assert.equal(design.url, ((design.content as Json)._links as Json).webui);
      assert.equal(design.friendlyLastModified, 'just a moment ago');
    }
    const plain = (await search('/rest/api/search', { cql: 'text ~ tables', excerpt: 'none' })).body as {
      results: Json[];
    };
    assert.equal(plain.results[0]?.excerpt, '');
  });

  it('answers every field with every operator and kind of value with 200 or a 400, never a 500', async () => {
    const fields = [...cqlFields.keys(), ...cqlFieldAliases.keys(), 'lastModified', 'user.fullname'];
    const operators = ['=', '!=', '>', '>=', '<', '<=', '~', '!~', 'in', 'not in'];
    const values = [
      'x',
      '12',
      'att12',
      '"2024-01-15"',
      '"2024/01/15 10:30"',
      '"*.png"',
      '"a \\"b\\" c*"',
      'currentUser()',
      'now("-1d")',
      'endOfMonth()',
      'currentSpace()',
      'favouriteSpaces()',
      'recentlyViewedContent(5, 1)',
      '(x, "y")',
      '(12, att13, currentUser())',
    ];
    const queries = fields.flatMap((field) =>
      operators.flatMap((operator) => values.map((value) => `${field} ${operator} ${value}`)),
    );
    const unexpected: string[] = [];
    for (let from = 0; from < queries.length; from += 25) {
      await Promise.all(
        queries.slice(from, from + 25).map(async (cql) => {
          for (const context of [undefined, '{"spaceKey":"DEV","contentStatuses":["current","trashed"]}']) {
            const params: Record<string, string> = { cql: `not (${cql}) or ${cql} order by title` };
            if (context) params.cqlcontext = context;
            const response = await search('/rest/api/content/search', params);
            if (response.status !== 200 && response.status !== 400) {
              unexpected.push(`${cql} → ${response.status} ${response.text}`);
            }
          }
        }),
      );
    }
    assert.deepEqual(unexpected, []);
  });
});
