/**
 * Issue 22 §3: any string, and grammar-shaped near-misses, given as CQL. In process, through the parser
 * and the compiler to SQL on a real site (`searchContent`, `searchSite`): results or a 4xx DomainError,
 * nothing else, and no case hangs. Over HTTP on both search endpoints (fewer cases): a 200 or a v1 error,
 * never a 5xx, and the site unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { statusOfCode } from '../../src/http/common/error-status.ts';
import { searchContent } from '../../src/services/search/search-content.ts';
import { searchSite } from '../../src/services/search/search-site.ts';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { isDomainError } from '../support/domain-errors.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { closeSnapshots, fuzzParameters, fuzzRequest, percentEncoded } from './fuzz-kit.ts';

const fields = [
  'type',
  'space',
  'space.key',
  'space.title',
  'title',
  'text',
  'siteSearch',
  'label',
  'creator',
  'contributor',
  'mention',
  'watcher',
  'favourite',
  'ancestor',
  'parent',
  'container',
  'content',
  'id',
  'created',
  'lastmodified',
  'macro',
  'filesize',
  'fileSize',
  'mediaType',
  'user',
  'user.fullname',
  'user.accountid',
  'content.property.foo.bar',
  'space.type',
  'foo',
  'TYPE',
  '',
];
const operators = ['=', '!=', '>', '>=', '<', '<=', '~', '!~', 'in', 'not in', 'IN', 'NOT IN', '!', '=='];
const functions = [
  'currentUser()',
  'currentSpace()',
  'currentContent()',
  'favouriteSpaces()',
  'recentlyViewedSpaces(10)',
  'recentlyViewedContent(10, 20)',
  'now("-4w")',
  'startOfDay()',
  'endOfDay("+1d")',
  'startOfWeek("-1w")',
  'endOfMonth()',
  'startOfYear("1y")',
  'now("-99999999999999999999d")',
  'now("x")',
  'now(',
  'foo()',
  'currentUser(1)',
  'startOfMonth("-1d", 2)',
];
const literals = [
  'page',
  'blogpost',
  'attachment',
  'comment',
  'space',
  'user',
  'DEV',
  'FZ',
  '"FZ"',
  "'fz'",
  '12345',
  '-1',
  '0',
  '99999999999999999999999',
  '1.5e308',
  '"2024-01-15"',
  '"2024/01/15 10:30"',
  '2014-09-01',
  '"2024-13-45"',
  '"report*"',
  '"*"',
  '"?"',
  '"\\""',
  "'\\''",
  '""',
  '"%_"',
  '"a b c"',
  'null',
  'EMPTY',
  '"\u202e\u0000"',
  '"𝔘𝔫𝔦"',
  '"x\\',
  '"unterminated',
  '(page, blogpost)',
  '()',
  '(,)',
];
const joiners = [' AND ', ' OR ', ' and ', ' or ', ' AND NOT ', ' ', ' ANDOR ', ', '];
const orderBys = [
  '',
  ' ORDER BY created',
  ' order by title desc',
  ' ORDER BY lastmodified ASC, title',
  ' ORDER BY',
  ' ORDER BY foo',
  ' ORDER BY created DESC DESC',
];

const clause = fc
  .tuple(
    fc.constantFrom(...fields),
    fc.constantFrom(...operators),
    fc.oneof(fc.constantFrom(...literals), fc.constantFrom(...functions)),
  )
  .map(([field, operator, value]) => `${field} ${operator} ${value}`);

/** A query as the grammar would build it: clauses, joiners, NOT, parentheses, an ORDER BY. */
const grammarShaped: fc.Arbitrary<string> = fc
  .letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      clause,
      fc
        .tuple(tie('expression'), fc.constantFrom(...joiners), tie('expression'))
        .map(([a, j, b]) => `${a}${j}${b}`),
      tie('expression').map((e) => `(${e})`),
      tie('expression').map((e) => `NOT ${e}`),
    ),
  }))
  .expression.chain((expression) => fc.constantFrom(...orderBys).map((order) => `${expression}${order}`));

/** A grammar-shaped query, then cut, spliced or sprinkled with characters: the near-misses. */
const nearMiss = fc
  .tuple(
    grammarShaped,
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 4 }),
  )
  .map(([query, edits]) =>
    edits.reduce((text, [at, length, insert]) => {
      const from = at % (text.length + 1);
      return text.slice(0, from) + insert + text.slice(from + (length % 4));
    }, query),
  );

/** Deep nesting and long chains: what a recursive parser or a naive compiler might choke on. */
const deep = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map((n) => `${'('.repeat(n)}type = page${')'.repeat(n)}`),
  fc.integer({ min: 1, max: 300 }).map((n) => `${'NOT '.repeat(n)}type = page`),
  fc
    .integer({ min: 1, max: 400 })
    .map((n) => Array.from({ length: n }, (_, i) => `title ~ "w${i}"`).join(' OR ')),
  fc
    .integer({ min: 1, max: 3000 })
    .map((n) => `label in (${Array.from({ length: n }, (_, i) => `l${i}`).join(',')})`),
  fc.integer({ min: 1, max: 300 }).map((n) => `${'('.repeat(n)}`),
);

const anyCql = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'()"\'\\ =!~<>,ANDORNOTINtypepage*?-'.split('')), maxLength: 80 }),
  grammarShaped,
  nearMiss,
  deep,
);

/** A hang detector, not a measurement: a case taking this long means the parser or the SQL ran away. */
const caseTimeoutMs = 10_000;

describe('fuzzing CQL', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'FZ');
    const page = await aPage(site, 'FZ', 'Fuzzed page');
    await anUpload(site, String(page.id), [{ name: 'report.txt', content: 'report' }]);
  });
  after(async () => {
    closeSnapshots();
    await site?.dispose();
  });

  it('parses and compiles any string to results or a 4xx refusal (in process)', async () => {
    const services = site.server.site.services;
    const window = { start: 0, limit: 5 };
    await fc.assert(
      fc.asyncProperty(anyCql, fc.boolean(), async (cql, wholeSite) => {
        try {
          const input = { cql, cqlContext: undefined };
          if (wholeSite) await searchSite(services, systemPrincipal, input, window);
          else await searchContent(services, systemPrincipal, input, window);
        } catch (error) {
          assert.ok(isDomainError(error), `${JSON.stringify(cql)} threw ${String(error)}`);
          const status = statusOfCode[error.code];
          assert.ok(status >= 400 && status < 500, `${JSON.stringify(cql)} refused with ${status}`);
          assert.ok(error.message.length > 0, `${JSON.stringify(cql)} refused without a message`);
        }
      }),
      { ...fuzzParameters(300), timeout: caseTimeoutMs },
    );
  });

  for (const endpoint of ['/rest/api/search', '/wiki/rest/api/content/search']) {
    it(`answers any string on ${endpoint} with results or a v1 error, changing nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(
          anyCql,
          fc.constantFrom('', '&cqlcontext={"spaceKey":"FZ"}', '&cqlcontext={', '&limit=1'),
          async (cql, extra) => {
            const requestPath = `${endpoint}?cql=${percentEncoded(cql)}${extra.replace(/[{}"]/g, encodeURIComponent)}`;
            await fuzzRequest(
              site,
              () => site.request('GET', requestPath),
              requestPath,
              `GET ${requestPath.slice(0, 300)}`,
            );
          },
        ),
        { ...fuzzParameters(40, 0.1), timeout: caseTimeoutMs },
      );
    });
  }
});
