import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { cqlFields, lookupCqlField, lookupCqlFunction } from './fields.ts';
import { parseCqlSyntax } from './parser.ts';
import { parseCql, validateCql } from './validate.ts';

const dateHint =
  'use "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd" or "yyyy-MM-dd", or a date function such as now("-4w")';
const incrementHint = 'expected an optional + or -, a whole number and one of y, M, w, d, h, m (e.g. "-4w")';
const idHint = 'expected a number such as 123, or att123 for an attachment';

/** [query, exact message, details.position] — queries that parse but ask for something CQL does not have. */
const validationErrors: readonly (readonly [string, string, number])[] = [
  // fields
  ['foo = x', 'Unknown field "foo" at column 1', 1],
  ['type = page AND Foo.Bar = x', 'Unknown field "foo.bar" at column 17', 17],
  ['user = x', 'Unknown field "user" at column 1', 1],
  ['user.fullname ~ x', 'Unknown field "user.fullname" at column 1', 1],
  ['type = page ORDER BY nope', 'Unknown field "nope" at column 22', 22],
  [
    'type = page ORDER BY label',
    'Cannot order by "label" at column 22: sortable fields are title, created, lastmodified, id, filename or filesize',
    22,
  ],
  // operators a field does not support
  ['text = x', 'Field "text" does not support "=" at column 1: use ~ or !~', 1],
  ['siteSearch != x', 'Field "sitesearch" does not support "!=" at column 1: use ~ or !~', 1],
  ['title > x', 'Field "title" does not support ">" at column 1: use =, !=, ~, !~, IN or NOT IN', 1],
  ['created ~ x', 'Field "created" does not support "~" at column 1: use =, !=, >, >=, < or <=', 1],
  [
    'created IN ("2024-01-01")',
    'Field "created" does not support "IN" at column 1: use =, !=, >, >=, < or <=',
    1,
  ],
  ['label > x', 'Field "label" does not support ">" at column 1: use =, !=, IN or NOT IN', 1],
  ['type ~ page', 'Field "type" does not support "~" at column 1: use =, !=, IN or NOT IN', 1],
  ['space.title = x', 'Field "space.title" does not support "=" at column 1: use ~ or !~', 1],
  ['fileSize ~ 1', 'Field "filesize" does not support "~" at column 1: use =, !=, >, >=, < or <=', 1],
  ['fileSize IN (1, 2)', 'Field "filesize" does not support "IN" at column 1: use =, !=, >, >=, < or <=', 1],
  ['parent >= 1', 'Field "parent" does not support ">=" at column 1: use =, !=, IN or NOT IN', 1],
  ['creator < bob', 'Field "creator" does not support "<" at column 1: use =, !=, IN or NOT IN', 1],
  ['text NOT IN (a)', 'Field "text" does not support "NOT IN" at column 1: use ~ or !~', 1],
  // date values
  ['created = nope', `Invalid date "nope" for field "created" at column 11: ${dateHint}`, 11],
  ['created = "2014-13-01"', `Invalid date "2014-13-01" for field "created" at column 11: ${dateHint}`, 11],
  ['created = "2014-02-30"', `Invalid date "2014-02-30" for field "created" at column 11: ${dateHint}`, 11],
  ['created = "2014/09-01"', `Invalid date "2014/09-01" for field "created" at column 11: ${dateHint}`, 11],
  [
    'created = "2014-09-01 25:00"',
    `Invalid date "2014-09-01 25:00" for field "created" at column 11: ${dateHint}`,
    11,
  ],
  ['created = 1700000000', `Invalid date "1700000000" for field "created" at column 11: ${dateHint}`, 11],
  [
    'lastmodified >= "2014-09-01T10:00"',
    `Invalid date "2014-09-01T10:00" for field "lastmodified" at column 17: ${dateHint}`,
    17,
  ],
  ['created > now', `Invalid date "now" for field "created" at column 11: ${dateHint}`, 11],
  // numbers and content ids
  [
    'fileSize > big',
    'Invalid number "big" for field "filesize" at column 12: expected a whole number such as 1048576',
    12,
  ],
  [
    'fileSize > "1.5"',
    'Invalid number "1.5" for field "filesize" at column 12: expected a whole number such as 1048576',
    12,
  ],
  ['container = abc', `Invalid content id "abc" for field "container" at column 13: ${idHint}`, 13],
  ['id = att', `Invalid content id "att" for field "id" at column 6: ${idHint}`, 6],
  ['content = "12a"', `Invalid content id "12a" for field "content" at column 11: ${idHint}`, 11],
  ['ancestor IN (1, two)', `Invalid content id "two" for field "ancestor" at column 17: ${idHint}`, 17],
  // functions
  ['created > foo()', 'Unknown function "foo()" at column 11', 11],
  [
    'created > currentUser()',
    'Function "currentUser()" cannot be used with field "created" at column 11',
    11,
  ],
  ['creator = now()', 'Function "now()" cannot be used with field "creator" at column 11', 11],
  ['title = currentSpace()', 'Function "currentSpace()" cannot be used with field "title" at column 9', 9],
  [
    'space.key = currentSpace()',
    'Function "currentSpace()" cannot be used with field "space.key" at column 13',
    13,
  ],
  [
    'container IN recentlyViewedContent(10)',
    'Function "recentlyViewedContent()" cannot be used with field "container" at column 14',
    14,
  ],
  [
    'space = favouriteSpaces()',
    'Function "favouriteSpaces()" returns several values: use it with IN or NOT IN, not "=", at column 9',
    9,
  ],
  [
    'space = recentlyViewedSpaces(5)',
    'Function "recentlyViewedSpaces()" returns several values: use it with IN or NOT IN, not "=", at column 9',
    9,
  ],
  [
    'space IN recentlyViewedSpaces()',
    'Function "recentlyViewedSpaces()" takes 1 argument, not 0, at column 10',
    10,
  ],
  [
    'ancestor IN recentlyViewedContent(1, 2, 3)',
    'Function "recentlyViewedContent()" takes 1 to 2 arguments, not 3, at column 13',
    13,
  ],
  [
    'created > startOfDay("1d", "2d")',
    'Function "startOfDay()" takes at most 1 argument, not 2, at column 11',
    11,
  ],
  ['creator = currentUser("x")', 'Function "currentUser()" takes no arguments, not 1, at column 11', 11],
  [
    'space IN recentlyViewedSpaces("x")',
    'Argument 1 of recentlyViewedSpaces() must be a whole number, not "x", at column 31',
    31,
  ],
  ['created > now("-4x")', `Invalid increment "-4x" for now() at column 15: ${incrementHint}`, 15],
  ['created > now("4")', `Invalid increment "4" for now() at column 15: ${incrementHint}`, 15],
  ['created > now("+-1d")', `Invalid increment "+-1d" for now() at column 15: ${incrementHint}`, 15],
  ['created > endOfWeek(2)', `Invalid increment "2" for endOfWeek() at column 21: ${incrementHint}`, 21],
  ['created > now("-99999y")', `Invalid increment "-99999y" for now() at column 15: ${incrementHint}`, 15],
];

describe('CQL validation', () => {
  for (const [text, message, position] of validationErrors) {
    it(`refuses ${JSON.stringify(text)} with: ${message}`, async () => {
      const error = await rejectsWithDomainError(() => parseCql(text), 'invalid_request');
      assert.equal(error.message, message);
      assert.equal(error.params.position, position);
    });
  }

  it('accepts a query whose only clause is negative, unlike Atlassian', () => {
    assert.doesNotThrow(() => parseCql('label != draft'));
    assert.doesNotThrow(() => parseCql('NOT type = page'));
    assert.doesNotThrow(() => parseCql('title !~ "*.png" AND type = attachment'));
  });

  it('resolves aliases and canonical spellings, keeping everything else as parsed', () => {
    const text = 'content = 1 OR siteSearch ~ x ORDER BY Content';
    assert.deepEqual(validateCql(parseCqlSyntax(text)), {
      where: {
        kind: 'or',
        operands: [
          {
            kind: 'clause',
            field: 'id',
            operator: '=',
            value: { kind: 'literal', text: '1', quoted: false, column: 11 },
            column: 1,
          },
          {
            kind: 'clause',
            field: 'text',
            operator: '~',
            value: { kind: 'literal', text: 'x', quoted: false, column: 29 },
            column: 16,
          },
        ],
      },
      orderBy: [{ field: 'id', direction: 'asc', column: text.indexOf('Content') + 1 }],
    });
    const spaces = validateCql(parseCqlSyntax('space IN FAVORITESPACES()'));
    assert.deepEqual(spaces.where, {
      kind: 'clause',
      field: 'space',
      operator: 'in',
      value: { kind: 'function', name: 'favouriteSpaces', args: [], column: 10 },
      column: 1,
    });
  });

  it('accepts every date literal format and date function on both date fields', () => {
    for (const value of [
      '"2024/01/15 10:30"',
      '"2024-01-15 10:30"',
      '"2024/01/15"',
      '"2024-01-15"',
      '2024-01-15',
      "'2024-1-5'",
    ]) {
      assert.doesNotThrow(() => parseCql(`created = ${value} AND lastModified < ${value}`), value);
    }
    for (const fn of [
      'now',
      'startOfDay',
      'startOfWeek',
      'startOfMonth',
      'startOfYear',
      'endOfDay',
      'endOfWeek',
      'endOfMonth',
      'endOfYear',
    ]) {
      assert.doesNotThrow(() => parseCql(`created >= ${fn}() AND lastmodified <= ${fn}("-1y")`), fn);
    }
  });

  it('accepts ids with or without the att prefix, quoted or not', () => {
    assert.doesNotThrow(() => parseCql('id IN (123, att456, "789", \'ATT1\') AND container = "att9"'));
  });
});

describe('the CQL field table', () => {
  it('knows every field of cql.md and the attachment extensions', () => {
    const expected = [
      'type',
      'space',
      'space.key',
      'space.title',
      'space.type',
      'space.category',
      'title',
      'text',
      'label',
      'created',
      'lastmodified',
      'creator',
      'contributor',
      'mention',
      'watcher',
      'favourite',
      'ancestor',
      'parent',
      'container',
      'id',
      'macro',
      'pagestatus',
      'mediatype',
      'filename',
      'filesize',
    ];
    assert.deepEqual([...cqlFields.keys()].sort(), [...expected].sort());
    assert.deepEqual(
      [...cqlFields.values()].filter((field) => field.extension).map((field) => field.name),
      ['mediatype', 'filename', 'filesize'],
    );
  });

  it('finds fields and functions by any name and in any case', () => {
    assert.equal(lookupCqlField('siteSearch')?.name, 'text');
    assert.equal(lookupCqlField('Content')?.name, 'id');
    assert.equal(lookupCqlField('lastModified')?.type, 'date');
    assert.equal(lookupCqlField('fileSize')?.type, 'number');
    assert.equal(lookupCqlField('nope'), undefined);
    assert.equal(lookupCqlFunction('CURRENTUSER')?.name, 'currentUser');
    assert.equal(lookupCqlFunction('favoriteSpaces')?.name, 'favouriteSpaces');
    assert.equal(lookupCqlFunction('nope'), undefined);
  });
});
