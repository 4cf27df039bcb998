import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../domain/errors.ts';
import { decodeCursor, encodeCursor, limitOf } from './paging.ts';

const badRequest = (error: unknown) => isDomainError(error, 'invalid_request');

describe('v2 cursors and limits', () => {
  it('round-trips a keyset through an opaque, URL-safe cursor', () => {
    for (const keyset of [
      { sortValue: 42, id: 42 },
      { sortValue: 'Ünïcode & spaces/+', id: 7 },
    ]) {
      const cursor = encodeCursor(keyset);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeCursor(cursor), keyset);
    }
    assert.equal(decodeCursor(undefined), undefined);
    assert.equal(decodeCursor(''), undefined);
  });

  it('refuses cursors it did not make', () => {
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'a+b/c=',
      Buffer.from('junk').toString('base64url'),
      encoded([1, 2]),
      encoded({ sortValue: null, id: 1 }),
      encoded({ sortValue: 'a', id: -1 }),
      encoded({ sortValue: 'a', id: 1.5 }),
      encoded({ sortValue: 'a' }),
    ]) {
      assert.throws(() => decodeCursor(cursor), badRequest, cursor);
    }
  });

  it('defaults the limit to 25, clamps it at 250 and refuses anything below 1 or not a number', () => {
    assert.equal(limitOf(undefined), 25);
    assert.equal(limitOf('1'), 1);
    assert.equal(limitOf('250'), 250);
    assert.equal(limitOf('251'), 250);
    assert.equal(limitOf('99999999999'), 250);
    assert.equal(limitOf('60', { defaultLimit: 50, maxLimit: 50 }), 50);
    for (const text of ['0', '-1', '2.5', 'ten', '1e3']) assert.throws(() => limitOf(text), badRequest, text);
  });
});
