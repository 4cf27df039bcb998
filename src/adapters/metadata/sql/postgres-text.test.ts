import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textTermsOf } from '../../../domain/cql/text-terms.ts';
import { foldedText, tsQueryOf } from './postgres-text.ts';

describe('PostgreSQL full-text input', () => {
  it('cuts words as SQLite unicode61 does, folding case and diacritics', () => {
    assert.equal(foldedText('Café Report.PDF, a@b.org'), 'cafe report pdf a b org');
  });

  it('ANDs terms, keeps a phrase in a row, marks prefixes and narrows to a field by weight', () => {
    assert.equal(
      tsQueryOf(textTermsOf('Crème "brûlée recipe" dess*')),
      '(creme) & (brulee <-> recipe) & (dess:*)',
    );
    assert.equal(tsQueryOf(textTermsOf('"q3 plan*"'), ['title']), '(q3:A <-> plan:A)');
    assert.equal(tsQueryOf(textTermsOf('plan*'), ['filename']), '(plan:*B)');
    assert.equal(tsQueryOf(textTermsOf('*** ...')), null);
  });
});
