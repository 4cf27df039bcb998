import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { parseCql } from './validate.ts';

/** [query, exact message, details.position] — syntax errors, found by the lexer or the parser. */
const syntaxErrors: readonly (readonly [string, string, number])[] = [
  // missing pieces of a clause
  ['', 'Expected a field name, "(" or NOT at column 1', 1],
  ['   ', 'Expected a field name, "(" or NOT at column 4', 4],
  ['AND', 'Expected a field name, "(" or NOT at column 1', 1],
  ['type', 'Expected an operator (=, !=, >, >=, <, <=, ~, !~, IN or NOT IN) after "type" at column 5', 5],
  [
    'type page',
    'Expected an operator (=, !=, >, >=, <, <=, ~, !~, IN or NOT IN) after "type" at column 6',
    6,
  ],
  ['type =', 'Expected a value after "=" at column 7', 7],
  ['type = attachment AND title =', 'Expected a value after "=" at column 30', 30],
  ['title == x', 'Expected a value after "=" at column 8', 8],
  ['created >= )', 'Expected a value after ">=" at column 12', 12],
  ['title = (a, b)', 'A list of values needs IN or NOT IN, not "=", at column 9', 9],
  ['type = page AND', 'Expected a field name, "(" or NOT at column 16', 16],
  ['type = page OR', 'Expected a field name, "(" or NOT at column 15', 15],
  ['type = page AND ORDER BY created', 'Expected a field name, "(" or NOT at column 17', 17],
  ['NOT', 'Expected a field name, "(" or NOT at column 4', 4],
  ['123 = x', 'Expected a field name, "(" or NOT at column 1', 1],
  ['"title" = x', 'Expected a field name, "(" or NOT at column 1', 1],
  ['foo-bar = x', 'Invalid field name "foo-bar" at column 1', 1],
  ['a..b = x', 'Invalid field name "a..b" at column 1', 1],
  // NOT IN and lists
  ['type NOT page', 'Expected IN after NOT at column 10', 10],
  ['type NOT', 'Expected IN after NOT at column 9', 9],
  ['title NOT ~ x', 'Expected IN after NOT at column 11', 11],
  ['type IN', 'Expected "(" or a function after IN at column 8', 8],
  ['type IN page', 'Expected "(" or a function after IN at column 9', 9],
  ['type NOT IN page', 'Expected "(" or a function after NOT IN at column 13', 13],
  ['type IN (', 'Expected a value in the list at column 10', 10],
  ['type IN ()', 'Expected a value in the list at column 10', 10],
  ['type IN (page,)', 'Expected a value in the list at column 15', 15],
  ['type IN (page, (blogpost))', 'Expected a value in the list at column 16', 16],
  ['type IN (page', 'Expected ")" to close the list opened at column 9', 14],
  [
    'type IN (page blogpost)',
    'Unexpected "blogpost" at column 15: expected "," or ")" to close the list opened at column 9',
    15,
  ],
  // parentheses
  ['(', 'Expected a field name, "(" or NOT at column 2', 2],
  ['()', 'Expected a field name, "(" or NOT at column 2', 2],
  ['(type = page', 'Expected ")" to close "(" opened at column 1', 13],
  ['type = page AND (label = a OR (label = b)', 'Expected ")" to close "(" opened at column 17', 42],
  [
    '(type = page foo',
    'Unexpected "foo" at column 14: expected AND, OR or ")" to close "(" opened at column 1',
    14,
  ],
  [
    '(type = page ORDER BY title)',
    'Unexpected "ORDER" at column 14: expected AND, OR or ")" to close "(" opened at column 1',
    14,
  ],
  ['type = page)', 'Unexpected ")" at column 12: there is no "(" to close', 12],
  // what may follow a complete query
  ['type = page foo', 'Unexpected "foo" at column 13: expected AND, OR or ORDER BY', 13],
  ['type = "page" "blogpost"', 'Unexpected "blogpost" at column 15: expected AND, OR or ORDER BY', 15],
  ['x = y =', 'Unexpected "=" at column 7: expected AND, OR or ORDER BY', 7],
  ['type = page label = x', 'Unexpected "label" at column 13: expected AND, OR or ORDER BY', 13],
  // ORDER BY
  ['type = page ORDER', 'Expected BY after ORDER at column 18', 18],
  ['type = page ORDER created', 'Expected BY after ORDER at column 19', 19],
  ['type = page ORDER BY', 'Expected a field name after ORDER BY at column 21', 21],
  ['type = page ORDER BY created,', 'Expected a field name after "," at column 30', 30],
  ['type = page ORDER BY created ASC, ', 'Expected a field name after "," at column 35', 35],
  [
    'type = page ORDER BY created foo',
    'Unexpected "foo" at column 30: expected ASC, DESC, "," or the end of the query',
    30,
  ],
  [
    'type = page ORDER BY created DESC DESC',
    'Unexpected "DESC" at column 35: expected "," or the end of the query',
    35,
  ],
  [
    'space = currentSpace() ORDER BY title ASC title',
    'Unexpected "title" at column 43: expected "," or the end of the query',
    43,
  ],
  [
    'type = page ORDER BY created AND label = x',
    'Unexpected "AND" at column 30: expected ASC, DESC, "," or the end of the query',
    30,
  ],
  // reserved words and characters
  ['label = order', 'Reserved word "order" must be quoted to be used as a value at column 9', 9],
  ['label = AND', 'Reserved word "AND" must be quoted to be used as a value at column 9', 9],
  ['label = not', 'Reserved word "not" must be quoted to be used as a value at column 9', 9],
  ['label = empty', 'Reserved word "empty" must be quoted to be used as a value at column 9', 9],
  ['label = NULL', 'Reserved word "NULL" must be quoted to be used as a value at column 9', 9],
  [
    'label IN (draft, select)',
    'Reserved word "select" must be quoted to be used as a value at column 18',
    18,
  ],
  ['title ~ report*', 'Reserved character "*" must be quoted to be used in a value at column 15', 15],
  ['label = a-b', 'Reserved character "-" must be quoted to be used in a value at column 10', 10],
  ['space = a.b', 'Reserved character "." must be quoted to be used in a value at column 10', 10],
  [
    'mediaType = application/pdf',
    'Reserved character "/" must be quoted to be used in a value at column 24',
    24,
  ],
  ['creator = user@example', 'Reserved character "@" must be quoted to be used in a value at column 15', 15],
  ['created > 2014/09/01', 'Reserved character "/" must be quoted to be used in a value at column 15', 15],
  // strings and operator characters
  ['title ~ "unterminated', 'Unterminated string starting at column 9: expected a closing "', 9],
  [String.raw`title ~ 'x\'`, "Unterminated string starting at column 9: expected a closing '", 9],
  ['title ! x', 'Unexpected "!" at column 7: expected "!=" or "!~"', 7],
  ['title !x', 'Unexpected "!" at column 7: expected "!=" or "!~"', 7],
  // function calls
  ['created > now(', 'Expected a quoted string or a number as an argument of now() at column 15', 15],
  ['created > now("-1d"', 'Expected ")" to close "now(" opened at column 14', 20],
  [
    'created > now("-1d" "x")',
    'Unexpected "x" at column 21: expected "," or ")" to close "now(" opened at column 14',
    21,
  ],
  ['created > now(-1d)', 'Expected a quoted string or a number as an argument of now() at column 15', 15],
  ['created > now(x)', 'Expected a quoted string or a number as an argument of now() at column 15', 15],
  ['created > now(,)', 'Expected a quoted string or a number as an argument of now() at column 15', 15],
  ['creator = foo.bar()', 'Invalid function name "foo.bar" at column 11', 11],
  // nesting limits
  [
    `${'('.repeat(101)}type = page${')'.repeat(101)}`,
    'The query nests parentheses and NOT more than 100 levels deep at column 101',
    101,
  ],
  [
    `${'NOT '.repeat(101)}type = page`,
    'The query nests parentheses and NOT more than 100 levels deep at column 401',
    401,
  ],
  [
    `${'NOT ('.repeat(60)}type = page${')'.repeat(60)}`,
    'The query nests parentheses and NOT more than 100 levels deep at column 251',
    251,
  ],
  // a very long unexpected token is quoted only in part
  [
    `type = page ${'a'.repeat(10_000)}`,
    `Unexpected "${'a'.repeat(37)}…" at column 13: expected AND, OR or ORDER BY`,
    13,
  ],
];

describe('CQL syntax errors', () => {
  for (const [text, message, position] of syntaxErrors) {
    const shown = text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
    it(`refuse ${JSON.stringify(shown)} with: ${message}`, async () => {
      const error = await rejectsWithDomainError(() => parseCql(text), 'invalid_request');
      assert.equal(error.message, message);
      assert.equal(error.params.position, position);
    });
  }
});
