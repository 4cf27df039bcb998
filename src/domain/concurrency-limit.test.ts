import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyLimit } from './concurrency-limit.ts';

describe('ConcurrencyLimit', () => {
  it('lets no more than the limit hold a slot, and serves waiters in order', async () => {
    const limit = new ConcurrencyLimit(2);
    const order: number[] = [];
    const first = await limit.acquire();
    const second = await limit.acquire();
    const third = limit.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = limit.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(limit.inUse, 2);
    assert.deepEqual(order, []);
    first();
    first();
    (await third)();
    second();
    (await fourth)();
    assert.deepEqual(order, [3, 4]);
    assert.equal(limit.inUse, 0);
  });

  it('drops a waiter whose signal aborts', async () => {
    const limit = new ConcurrencyLimit(1);
    const held = await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    held();
    assert.equal(limit.inUse, 0);
    (await limit.acquire())();
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new ConcurrencyLimit(0), RangeError);
  });
});
