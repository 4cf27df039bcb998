import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../test/support/domain-errors.ts';
import { checkLabel } from './label.ts';

const refuses = (input: Parameters<typeof checkLabel>[0]) =>
  assert.throws(
    () => checkLabel(input),
    (error: unknown) => isDomainError(error, 'invalid_request'),
  );

describe('label names', () => {
  it('are stored lower-cased, global unless a prefix is given', () => {
    assert.deepEqual(checkLabel({ name: 'Release-Notes' }), { prefix: 'global', name: 'release-notes' });
    assert.deepEqual(checkLabel({ prefix: 'team', name: 'ops_2024' }), { prefix: 'team', name: 'ops_2024' });
  });

  it('read a prefix written into the name, as Confluence does for my:favourite', () => {
    assert.deepEqual(checkLabel({ name: 'my:Favourite' }), { prefix: 'my', name: 'favourite' });
    refuses({ prefix: 'team', name: 'my:favourite' });
  });

  it('keep slashes, which only the ?name= form of delete can address', () => {
    assert.deepEqual(checkLabel({ name: 'a/b' }), { prefix: 'global', name: 'a/b' });
  });

  it('refuse spaces, punctuation Confluence forbids, unknown prefixes, emptiness and more than 255 characters', () => {
    for (const name of [
      'two words',
      'tab\there',
      'a:b',
      'semi;colon',
      'what?',
      'x#y',
      'at@home',
      'bang!',
      '',
    ]) {
      refuses({ name });
    }
    refuses({ name: 'x'.repeat(256) });
    assert.equal(checkLabel({ name: 'x'.repeat(255) }).name.length, 255);
    refuses({ prefix: 'system', name: 'fine' });
    refuses({ name: 42 });
  });
});
