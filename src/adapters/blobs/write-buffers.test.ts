import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WriteBuffers } from './write-buffers.ts';

describe('write buffers', () => {
  it('hands a given buffer out again, as shared memory the hashing thread can read', () => {
    const pool = new WriteBuffers();
    const buffer = pool.take();
    assert.ok(buffer.buffer instanceof SharedArrayBuffer);
    assert.equal(buffer.byteOffset, 0);
    pool.give(buffer);
    assert.equal(pool.take(), buffer);
  });

  it('keeps at most eight spares, so a burst of concurrent puts leaves no lasting pile', () => {
    const pool = new WriteBuffers();
    const taken = Array.from({ length: 20 }, () => pool.take());
    for (const buffer of taken) pool.give(buffer);
    assert.equal(pool.spareCount, 8);
  });

  it('lets its spares go once none has been taken for a while, and makes new ones after', async () => {
    const pool = new WriteBuffers({ keptIdleMs: 10 });
    pool.give(pool.take());
    assert.equal(pool.spareCount, 1);
    await sleep(100);
    assert.equal(pool.spareCount, 0);
    assert.equal(pool.take().length, 1024 * 1024);
  });

  it('keeps its spares while puts keep taking them', async () => {
    const pool = new WriteBuffers({ keptIdleMs: 50 });
    pool.give(pool.take());
    for (let n = 0; n < 4; n += 1) {
      await sleep(20);
      pool.give(pool.take());
    }
    assert.equal(pool.spareCount, 1);
  });
});
