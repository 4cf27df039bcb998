import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BucketRule, RequestBuckets } from './request-buckets.ts';

// Times are given, never waited for: each take names the moment it happens.
const rule: BucketRule = { fillRate: 2, intervalSeconds: 10, max: 5 };

describe('request buckets', () => {
  it('starts full, counts down to 0, then refuses until the next batch', () => {
    const buckets = new RequestBuckets();
    const remaining = [1, 2, 3, 4, 5].map(() => buckets.take('amy', rule, 1000).remaining);
    assert.deepEqual(remaining, [4, 3, 2, 1, 0]);
    const refused = buckets.take('amy', rule, 4000);
    assert.equal(refused.allowed, false);
    // The batch comes 10 s after the bucket was first drawn on (at 1 s): 7 s from 4 s.
    assert.equal(refused.retryAfterSeconds, 7);
    const after = buckets.take('amy', rule, 4000 + 7000);
    assert.deepEqual(after, { allowed: true, remaining: 1, retryAfterSeconds: 0 });
  });

  it('says 0 seconds while tokens are left and rounds a wait up to whole seconds', () => {
    const buckets = new RequestBuckets();
    const tight: BucketRule = { fillRate: 1, intervalSeconds: 1, max: 1 };
    assert.deepEqual(buckets.take('bo', tight, 0), { allowed: true, remaining: 0, retryAfterSeconds: 1 });
    assert.deepEqual(buckets.take('bo', tight, 1), { allowed: false, remaining: 0, retryAfterSeconds: 1 });
    assert.equal(buckets.take('bo', tight, 999).allowed, false);
    assert.equal(buckets.take('bo', tight, 1000).allowed, true);
  });

  it('adds whole batches only, and never beyond the maximum', () => {
    const buckets = new RequestBuckets();
    for (let i = 0; i < 5; i += 1) buckets.take('cy', rule, 0);
    assert.equal(buckets.take('cy', rule, 19_999).remaining, 1, 'one batch of 2 after 10 s, less this take');
    assert.equal(buckets.take('cy', rule, 10 * 60_000).remaining, 4, 'full (5) less this take');
  });

  it('keeps the buckets of different keys apart', () => {
    const buckets = new RequestBuckets();
    for (let i = 0; i < 5; i += 1) buckets.take('dee', rule, 0);
    assert.equal(buckets.take('dee', rule, 0).allowed, false);
    assert.deepEqual(buckets.take('eli', rule, 0), { allowed: true, remaining: 4, retryAfterSeconds: 0 });
  });

  it('drops buckets that have refilled, and holds no more than its cap', () => {
    const buckets = new RequestBuckets({ maxBuckets: 3, sweepEveryMs: 1000 });
    buckets.take('a', rule, 0);
    buckets.take('b', rule, 0);
    buckets.take('c', rule, 0);
    buckets.take('d', rule, 0);
    assert.equal(buckets.size, 3, 'the least recently used went');
    // One take each refills within one interval; the sweep after that drops all but the one just used.
    buckets.take('e', rule, 20_000);
    assert.equal(buckets.size, 1);
  });
});
