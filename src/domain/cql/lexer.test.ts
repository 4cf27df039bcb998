import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../../test/support/domain-errors.ts';
import { tokenize } from './lexer.ts';

const kinds = (text: string) => tokenize(text).map((token) => `${token.kind}:${token.text}@${token.column}`);

const refuses = (text: string, message: string, position: number) =>
  assert.throws(
    () => tokenize(text),
    (error: unknown) =>
      isDomainError(error, 'invalid_request') &&
      error.message === message &&
      error.params.position === position,
  );

describe('the CQL lexer', () => {
  it('splits a clause into field, operator and value with 1-based columns', () => {
    assert.deepEqual(kinds('space.key = DEV'), [
      'word:space.key@1',
      'operator:=@11',
      'word:DEV@13',
      'end:@16',
    ]);
  });

  it('reads every comparison operator, longest first, with or without spaces around it', () => {
    assert.deepEqual(
      kinds('a=b!=c>d>=e<f<=g~h!~i')
        .filter((token) => token.startsWith('operator'))
        .map((token) => token.split('@')[0]),
      [
        'operator:=',
        'operator:!=',
        'operator:>',
        'operator:>=',
        'operator:<',
        'operator:<=',
        'operator:~',
        'operator:!~',
      ],
    );
  });

  it('reads parentheses and commas as their own tokens', () => {
    assert.deepEqual(kinds('type in(page,blogpost)'), [
      'word:type@1',
      'keyword:IN@6',
      '(:(@8',
      'word:page@9',
      ',:,@13',
      'word:blogpost@14',
      '):)@22',
      'end:@23',
    ]);
  });

  it('recognises keywords in any case and upper-cases them', () => {
    assert.deepEqual(
      tokenize('and Or nOT in ORDER by Asc desc').map((token) => `${token.kind}:${token.text}:${token.raw}`),
      [
        'keyword:AND:and',
        'keyword:OR:Or',
        'keyword:NOT:nOT',
        'keyword:IN:in',
        'keyword:ORDER:ORDER',
        'keyword:BY:by',
        'keyword:ASC:Asc',
        'keyword:DESC:desc',
        'end::',
      ],
    );
  });

  it('tells numbers from words that merely contain digits', () => {
    assert.deepEqual(kinds('123 att123 2014-09-01'), [
      'number:123@1',
      'word:att123@5',
      'word:2014-09-01@12',
      'end:@22',
    ]);
  });

  it('keeps reserved characters inside a word, for the parser to name them', () => {
    assert.deepEqual(kinds('report*.pdf'), ['word:report*.pdf@1', 'end:@12']);
  });

  it('reads double- and single-quoted strings, keeping reserved words and characters literal', () => {
    assert.deepEqual(kinds(`"a AND b" 'c, (d)'`), ['string:a AND b@1', 'string:c, (d)@11', 'end:@19']);
  });

  it('unescapes \\" \\\' and \\\\ inside strings', () => {
    const [phrase, single, backslash] = tokenize(String.raw`"\"advanced search\"" 'it\'s' "a\\b"`);
    assert.equal(phrase?.text, '"advanced search"');
    assert.equal(single?.text, "it's");
    assert.equal(backslash?.text, 'a\\b');
  });

  it('keeps any other backslash pair as written, for the text-search mini-language', () => {
    assert.equal(tokenize(String.raw`"foo\-bar\*"`)[0]?.text, String.raw`foo\-bar\*`);
  });

  it('lets the other kind of quote stand unescaped inside a string', () => {
    assert.equal(tokenize(`"it's"`)[0]?.text, "it's");
    assert.equal(tokenize(`'say "hi"'`)[0]?.text, 'say "hi"');
  });

  it('keeps the raw source of a string token for error messages', () => {
    assert.equal(tokenize(String.raw`'a\'b'`)[0]?.raw, String.raw`'a\'b'`);
  });

  it('counts columns across line breaks and tabs as single characters', () => {
    assert.deepEqual(kinds('a\n=\tb'), ['word:a@1', 'operator:=@3', 'word:b@5', 'end:@6']);
  });

  it('ends with an end token one column past the text', () => {
    assert.deepEqual(kinds(''), ['end:@1']);
    assert.deepEqual(kinds('   '), ['end:@4']);
  });

  it('refuses an unterminated string, naming the column of its opening quote', () => {
    refuses('title ~ "report', 'Unterminated string starting at column 9: expected a closing "', 9);
    refuses("title ~ 'report", "Unterminated string starting at column 9: expected a closing '", 9);
  });

  it('treats a string ending in an escaped quote or a lone backslash as unterminated', () => {
    refuses(String.raw`title ~ "a\"`, 'Unterminated string starting at column 9: expected a closing "', 9);
    refuses('title ~ "a\\', 'Unterminated string starting at column 9: expected a closing "', 9);
  });

  it('refuses a "!" that starts neither != nor !~', () => {
    refuses('title ! x', 'Unexpected "!" at column 7: expected "!=" or "!~"', 7);
    refuses('label = bang!', 'Unexpected "!" at column 13: expected "!=" or "!~"', 13);
  });
});
