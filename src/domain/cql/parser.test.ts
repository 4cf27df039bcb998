import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CqlQuery } from './ast.ts';
import { formatCql } from './format.ts';
import { maxCqlNesting, parseCqlSyntax } from './parser.ts';
import { parseCql } from './validate.ts';

// Builders for expected trees; columns are left out and compared separately.
type Node = Readonly<Record<string, unknown>>;
const word = (text: string): Node => ({ kind: 'literal', text, quoted: false });
const str = (text: string): Node => ({ kind: 'literal', text, quoted: true });
const call = (name: string, ...args: Node[]): Node => ({ kind: 'function', name, args });
const list = (...items: Node[]): Node => ({ kind: 'list', items });
const is = (field: string, operator: string, value: Node): Node => ({
  kind: 'clause',
  field,
  operator,
  value,
});
const and = (...operands: Node[]): Node => ({ kind: 'and', operands });
const or = (...operands: Node[]): Node => ({ kind: 'or', operands });
const not = (operand: Node): Node => ({ kind: 'not', operand });
const by = (field: string, direction = 'asc'): Node => ({ field, direction });
const query = (where: Node, ...orderBy: Node[]): Node => ({ where, orderBy });

const withoutColumns = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'column' ? undefined : inner)));

const x = is('label', '=', word('x'));
const y = is('label', '=', word('y'));
const z = is('label', '=', word('z'));
const w = is('label', '=', word('w'));

const attachments = is('type', '=', word('attachment'));

/** Every example in reference/cql.md and issue 5, then the rest of the grammar, field by field. */
const validQueries: readonly (readonly [string, Node])[] = [
  // cql.md §4, worked examples for attachments
  ['type = attachment AND container = 123456', query(and(attachments, is('container', '=', word('123456'))))],
  [
    'type = attachment AND space = DEV AND created >= now("-4w")',
    query(and(attachments, is('space', '=', word('DEV')), is('created', '>=', call('now', str('-4w'))))),
  ],
  ['type = attachment AND title ~ "report*"', query(and(attachments, is('title', '~', str('report*'))))],
  [
    'type = attachment AND label = contract AND creator = currentUser()',
    query(and(attachments, is('label', '=', word('contract')), is('creator', '=', call('currentUser')))),
  ],
  [
    'type = attachment AND ancestor = 98765 ORDER BY lastmodified DESC',
    query(and(attachments, is('ancestor', '=', word('98765'))), by('lastmodified', 'desc')),
  ],
  [
    '(type = page AND space = DEV) OR (type = blogpost AND creator = "557058:abc")',
    query(
      or(
        and(is('type', '=', word('page')), is('space', '=', word('DEV'))),
        and(is('type', '=', word('blogpost')), is('creator', '=', str('557058:abc'))),
      ),
    ),
  ],
  // cql.md §1 and §2 inline examples
  ['space IN favouriteSpaces()', query(is('space', 'in', call('favouriteSpaces')))],
  ["space IN (favouriteSpaces(), 'FS')", query(is('space', 'in', list(call('favouriteSpaces'), str('FS'))))],
  ['title ~ "win*"', query(is('title', '~', str('win*')))],
  [String.raw`text ~ "\"advanced search\""`, query(is('text', '~', str('"advanced search"')))],
  ['text ~ "roam~"', query(is('text', '~', str('roam~')))],
  ["title ~ '*.pdf'", query(is('title', '~', str('*.pdf')))],
  [String.raw`title = "\"Advanced Searching\""`, query(is('title', '=', str('"Advanced Searching"')))],
  [
    "type=attachment and container='123456' and title!~'*.png'",
    query(and(attachments, is('container', '=', str('123456')), is('title', '!~', str('*.png')))),
  ],
  [
    "type=attachment and container='123456' and lastmodified >= '2024-01-15 10:30'",
    query(
      and(
        attachments,
        is('container', '=', str('123456')),
        is('lastmodified', '>=', str('2024-01-15 10:30')),
      ),
    ),
  ],
  ['macro = jira', query(is('macro', '=', word('jira')))],
  ["siteSearch ~ 'example'", query(is('text', '~', str('example')))],
  ['container = 123 and type = attachment', query(and(is('container', '=', word('123')), attachments))],
  [
    'space = DEV order by created desc, title',
    query(is('space', '=', word('DEV')), by('created', 'desc'), by('title')),
  ],
  ['created >= now("-4w")', query(is('created', '>=', call('now', str('-4w'))))],
  ['created > startOfDay("-7d")', query(is('created', '>', call('startOfDay', str('-7d'))))],
  ['lastmodified < endOfWeek("-1w")', query(is('lastmodified', '<', call('endOfWeek', str('-1w'))))],
  ['space = currentSpace()', query(is('space', '=', call('currentSpace')))],
  ['space != currentSpace()', query(is('space', '!=', call('currentSpace')))],
  [
    'ancestor IN recentlyViewedContent(10, 20)',
    query(is('ancestor', 'in', call('recentlyViewedContent', word('10'), word('20')))),
  ],
  [
    'space NOT IN recentlyViewedSpaces(5)',
    query(is('space', 'not in', call('recentlyViewedSpaces', word('5')))),
  ],
  ['created >= 2014-09-01', query(is('created', '>=', word('2014-09-01')))],
  ['lastModified = "2014/09/01 13:45"', query(is('lastmodified', '=', str('2014/09/01 13:45')))],
  ['created < "2014-09-01 08:00"', query(is('created', '<', str('2014-09-01 08:00')))],
  ['created <= "2014/09/01"', query(is('created', '<=', str('2014/09/01')))],
  ['created != "2014-09-01"', query(is('created', '!=', str('2014-09-01')))],
  // issue 5
  [
    'space = KEY and type in (page, blogpost)',
    query(and(is('space', '=', word('KEY')), is('type', 'in', list(word('page'), word('blogpost'))))),
  ],
  [
    'type = attachment and container = 123 and lastmodified < "2024-01-15"',
    query(and(attachments, is('container', '=', word('123')), is('lastmodified', '<', str('2024-01-15')))),
  ],
  ['title !~ "*.png"', query(is('title', '!~', str('*.png')))],
  [
    'space = K and lastmodified < now("-1y")',
    query(and(is('space', '=', word('K')), is('lastmodified', '<', call('now', str('-1y'))))),
  ],
  ['created > now("+1M")', query(is('created', '>', call('now', str('+1M'))))],
  ['created > now("-90m")', query(is('created', '>', call('now', str('-90m'))))],
  ['created < endOfMonth("1d")', query(is('created', '<', call('endOfMonth', str('1d'))))],
  // the rest of the field table
  ['space.key = DEV', query(is('space.key', '=', word('DEV')))],
  ['space.title ~ "engineering"', query(is('space.title', '~', str('engineering')))],
  ['space.type = personal', query(is('space.type', '=', word('personal')))],
  ['space.category IN (team, ops)', query(is('space.category', 'in', list(word('team'), word('ops'))))],
  ['type = whiteboard', query(is('type', '=', word('whiteboard')))],
  // cql.md: DC's /search finds spaces and users with `type in (space,user)`
  ['type in (space,user)', query(is('type', 'in', list(word('space'), word('user'))))],
  ['title IN ("Q1 report", "Q2 report")', query(is('title', 'in', list(str('Q1 report'), str('Q2 report'))))],
  ['label NOT IN (draft, obsolete)', query(is('label', 'not in', list(word('draft'), word('obsolete'))))],
  ['contributor = jsmith', query(is('contributor', '=', word('jsmith')))],
  ['mention = currentUser()', query(is('mention', '=', call('currentUser')))],
  ['watcher IN (currentUser(), admin)', query(is('watcher', 'in', list(call('currentUser'), word('admin'))))],
  ['favourite = currentUser()', query(is('favourite', '=', call('currentUser')))],
  ['favorite = currentUser()', query(is('favourite', '=', call('currentUser')))],
  ['parent = 123', query(is('parent', '=', word('123')))],
  ['id = att123', query(is('id', '=', word('att123')))],
  ['content IN (123, "att456")', query(is('id', 'in', list(word('123'), str('att456'))))],
  [
    'id NOT IN recentlyViewedContent(10)',
    query(is('id', 'not in', call('recentlyViewedContent', word('10')))),
  ],
  ['pageStatus = "Rough draft"', query(is('pagestatus', '=', str('Rough draft')))],
  ['mediaType = "application/pdf"', query(is('mediatype', '=', str('application/pdf')))],
  [
    'filename ~ "*.pdf" ORDER BY fileSize DESC',
    query(is('filename', '~', str('*.pdf')), by('filesize', 'desc')),
  ],
  ['fileSize >= 1048576', query(is('filesize', '>=', word('1048576')))],
  // negative first clauses are accepted (validate.ts says why)
  ['label != draft', query(is('label', '!=', word('draft')))],
  ['NOT label = draft', query(not(is('label', '=', word('draft'))))],
  // ORDER BY with several keys and both directions
  [
    'type = page ORDER BY lastmodified DESC, title ASC, id',
    query(is('type', '=', word('page')), by('lastmodified', 'desc'), by('title'), by('id')),
  ],
];

describe('parsing CQL', () => {
  for (const [text, expected] of validQueries) {
    it(`reads ${text}`, () => {
      assert.deepEqual(withoutColumns(parseCql(text)), expected);
    });
  }

  it('gives a left-to-right chain of ANDs as one node, and respects parentheses', () => {
    assert.deepEqual(withoutColumns(parseCql('label = x AND label = y AND label = z')), query(and(x, y, z)));
    assert.deepEqual(
      withoutColumns(parseCql('(label = x AND label = y) AND label = z')),
      query(and(and(x, y), z)),
    );
    assert.deepEqual(withoutColumns(parseCql('label = x OR label = y OR label = z')), query(or(x, y, z)));
    assert.deepEqual(withoutColumns(parseCql('((label = x))')), query(x));
  });

  it('binds AND tighter than OR', () => {
    assert.deepEqual(
      withoutColumns(parseCql('label = x OR label = y AND label = z')),
      query(or(x, and(y, z))),
    );
    assert.deepEqual(
      withoutColumns(parseCql('label = x AND label = y OR label = z')),
      query(or(and(x, y), z)),
    );
  });

  it('binds NOT tighter than AND, and lets parentheses override both', () => {
    assert.deepEqual(withoutColumns(parseCql('NOT label = x AND label = y')), query(and(not(x), y)));
    assert.deepEqual(withoutColumns(parseCql('NOT (label = x AND label = y)')), query(not(and(x, y))));
    assert.deepEqual(
      withoutColumns(parseCql('(label = x OR label = y) AND label = z')),
      query(and(or(x, y), z)),
    );
    assert.deepEqual(
      withoutColumns(parseCql('label = x AND NOT label = y OR NOT label = z AND label = w')),
      query(or(and(x, not(y)), and(not(z), w))),
    );
  });

  it('stacks repeated NOTs', () => {
    assert.deepEqual(withoutColumns(parseCql('NOT NOT label = x')), query(not(not(x))));
  });

  it(`accepts ${maxCqlNesting} levels of parentheses and NOT`, () => {
    const deep = `${'('.repeat(maxCqlNesting)}label = x${')'.repeat(maxCqlNesting)}`;
    assert.deepEqual(withoutColumns(parseCql(deep)), query(x));
    const negations = parseCql(`${'NOT '.repeat(maxCqlNesting)}label = x`);
    assert.equal(JSON.stringify(negations).split('"not"').length - 1, maxCqlNesting);
  });

  it('reads keywords, field names and function names in any case, keeping values as written', () => {
    assert.deepEqual(
      withoutColumns(
        parseCql('TYPE = Page aNd Space.KEY = dev Or CREATOR = CURRENTUSER() oRdEr bY LastModified DeSc'),
      ),
      query(
        or(
          and(is('type', '=', word('Page')), is('space.key', '=', word('dev'))),
          is('creator', '=', call('currentUser')),
        ),
        by('lastmodified', 'desc'),
      ),
    );
  });

  it('takes reserved words and characters literally once quoted', () => {
    assert.deepEqual(withoutColumns(parseCql('label = "order"')), query(is('label', '=', str('order'))));
    assert.deepEqual(withoutColumns(parseCql("label = 'a-b'")), query(is('label', '=', str('a-b'))));
    assert.deepEqual(
      withoutColumns(parseCql('title = "a, b; c?"')),
      query(is('title', '=', str('a, b; c?'))),
    );
  });

  it('reads ASC and DESC as values outside ORDER BY, since they are not reserved words', () => {
    assert.deepEqual(withoutColumns(parseCql('label = desc')), query(is('label', '=', word('desc'))));
  });

  it('unescapes quotes and backslashes in values', () => {
    assert.deepEqual(
      withoutColumns(parseCql(String.raw`title = 'it\'s'`)),
      query(is('title', '=', str("it's"))),
    );
    assert.deepEqual(
      withoutColumns(parseCql(String.raw`title ~ "a\\b"`)),
      query(is('title', '~', str('a\\b'))),
    );
  });

  it('records the column where each clause, value and sort key starts', () => {
    const parsed = parseCqlSyntax('type = page AND title IN ("a", b) ORDER BY title');
    assert.deepEqual(parsed, {
      where: {
        kind: 'and',
        operands: [
          {
            kind: 'clause',
            field: 'type',
            operator: '=',
            value: { kind: 'literal', text: 'page', quoted: false, column: 8 },
            column: 1,
          },
          {
            kind: 'clause',
            field: 'title',
            operator: 'in',
            value: {
              kind: 'list',
              items: [
                { kind: 'literal', text: 'a', quoted: true, column: 27 },
                { kind: 'literal', text: 'b', quoted: false, column: 32 },
              ],
              column: 26,
            },
            column: 17,
          },
        ],
      },
      orderBy: [{ field: 'title', direction: 'asc', column: 44 }],
    });
  });

  it('leaves field aliases and function spellings alone until validation', () => {
    const parsed = parseCqlSyntax('siteSearch ~ x AND creator = CurrentUser()');
    assert.deepEqual(
      withoutColumns(parsed),
      query(and(is('sitesearch', '~', word('x')), is('creator', '=', call('CurrentUser')))),
    );
  });
});

describe('formatting CQL', () => {
  it('writes a query in one normal form', () => {
    assert.equal(
      formatCql(
        parseCql(
          "type=attachment and (space = 'DEV' or label in (a, \"b c\")) and not title ~ 'x' order by created",
        ),
      ),
      'type = attachment AND (space = "DEV" OR label IN (a, "b c")) AND NOT title ~ "x" ORDER BY created ASC',
    );
    assert.equal(
      formatCql(parseCql(String.raw`title = 'say "hi" \\ bye'`)),
      String.raw`title = "say \"hi\" \\ bye"`,
    );
  });

  it('gives back the same tree when its output is parsed again', () => {
    for (const [text] of validQueries) {
      const parsed: CqlQuery = parseCql(text);
      assert.deepEqual(withoutColumns(parseCql(formatCql(parsed))), withoutColumns(parsed), text);
    }
  });
});
