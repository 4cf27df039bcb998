import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { runPool } from './run-pool.ts';

describe('runPool', () => {
  it('works through every item with no more than the given number at once', async () => {
    let active = 0;
    let most = 0;
    const done: number[] = [];
    await runPool(
      Array.from({ length: 25 }, (_, n) => n),
      3,
      async (n) => {
        active += 1;
        most = Math.max(most, active);
        await turn();
        done.push(n);
        active -= 1;
      },
    );
    assert.deepEqual(
      done.sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, n) => n),
    );
    assert.equal(most, 3);
  });

  it('pulls an async source one item at a time, never concurrently', async () => {
    let pulling = false;
    async function* source() {
      for (let n = 0; n < 10; n += 1) {
        assert.equal(pulling, false);
        pulling = true;
        await turn();
        pulling = false;
        yield n;
      }
    }
    const seen: number[] = [];
    await runPool(source(), 4, async (n) => {
      seen.push(n);
    });
    assert.equal(seen.length, 10);
  });
});
