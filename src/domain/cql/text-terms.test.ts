import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ftsExpressionOf, likePatternOf, textTermsOf } from './text-terms.ts';

describe('text-search values as FTS5 and LIKE inputs', () => {
  it('quotes every term and turns a trailing wildcard into a prefix search', () => {
    assert.equal(ftsExpressionOf(textTermsOf('report* Q1')), '"report" * AND "q1"');
    assert.equal(ftsExpressionOf(textTermsOf('win?'), ['title']), '{title} : "win" *');
  });

  it('keeps phrases together and splits words the way the tokenizer does', () => {
    assert.equal(
      ftsExpressionOf(textTermsOf('"advanced search" notes.txt')),
      '"advanced search" AND "notes txt"',
    );
  });

  it('never lets FTS5 syntax through: quotes, operators and column filters become plain words or vanish', () => {
    assert.equal(
      ftsExpressionOf(textTermsOf('title:x OR "a" NEAR(b) ^c -d')),
      '"title x" AND "or" AND "a" AND "near b" AND "c" AND "d"',
    );
    assert.equal(ftsExpressionOf(textTermsOf('+-*" ()')), null);
  });

  it('searches fuzzy terms as written and mid-term wildcards by the part before them', () => {
    assert.deepEqual(textTermsOf('roam~ w*n'), [
      { words: ['roam'], prefix: false },
      { words: ['w'], prefix: true },
    ]);
  });

  it('escapes LIKE wildcards and maps CQL wildcards onto them', () => {
    assert.equal(likePatternOf('*.PNG'), '%.png');
    assert.equal(likePatternOf('*50%_a\\b?'), '%50\\%\\_a\\\\b_');
  });
});
