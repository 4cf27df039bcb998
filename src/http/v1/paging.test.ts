import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../domain/errors.ts';
import { cursorWindowOf, decodeOffsetCursor, encodeOffsetCursor } from './paging.ts';

const badRequest = (error: unknown) => isDomainError(error, 'invalid_request');
const rules = { defaultLimit: 25, maxLimit: 200 };

describe('v1 search cursors', () => {
  it('keeps the cursor clients already hold: the offset as `offset:<start>` in base64url', () => {
    assert.equal(encodeOffsetCursor(25), 'b2Zmc2V0OjI1');
    assert.equal(decodeOffsetCursor('b2Zmc2V0OjI1'), 25);
    assert.equal(decodeOffsetCursor(encodeOffsetCursor(0)), 0);
  });

  it('refuses cursors it did not make', () => {
    for (const cursor of [
      '!!',
      Buffer.from('offset:-1').toString('base64url'),
      Buffer.from('7').toString('base64url'),
    ]) {
      assert.throws(() => decodeOffsetCursor(cursor), badRequest, cursor);
    }
  });

  it('lets the cursor, when given, decide where the window starts', () => {
    assert.deepEqual(cursorWindowOf({ start: '5', limit: '10' }, rules), { start: 5, limit: 10 });
    assert.deepEqual(cursorWindowOf({ start: '0', cursor: encodeOffsetCursor(40) }, rules), {
      start: 40,
      limit: 25,
    });
  });
});
