import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  isRetryableNetworkError,
  isRetryableStatus,
  nextDelayMs,
  type RetryPolicy,
  retryAfterMs,
  retryAfterVerdict,
} from './retry.ts';

const policy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  retryAfterBudgetMs: 60_000,
};
const systemError = (code: string) => Object.assign(new Error(code), { code });

describe('retry rules', () => {
  it('waits a uniformly random time under a ceiling that doubles with each failed attempt', () => {
    assert.equal(
      backoffDelayMs(1, policy, () => 0.999),
      99,
    );
    assert.equal(
      backoffDelayMs(2, policy, () => 0.999),
      199,
    );
    assert.equal(
      backoffDelayMs(3, policy, () => 0.5),
      200,
    );
    assert.equal(
      backoffDelayMs(2, policy, () => 0),
      0,
    );
  });

  it('never waits longer than the maximum delay, however many attempts failed', () => {
    assert.equal(
      backoffDelayMs(30, policy, () => 0.999),
      999,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const nowMs = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('3', nowMs), 3000);
    assert.equal(retryAfterMs(' 0 ', nowMs), 0);
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', nowMs), 5000);
    assert.equal(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', nowMs), 0, 'a date in the past means now');
    assert.equal(retryAfterMs('soon', nowMs), undefined);
    assert.equal(retryAfterMs('-1', nowMs), undefined);
    assert.equal(retryAfterMs(undefined, nowMs), undefined);
  });

  it('retries 429 for every method, and 5xx only for idempotent requests', () => {
    assert.equal(isRetryableStatus(429, false), true);
    assert.equal(isRetryableStatus(503, true), true);
    assert.equal(isRetryableStatus(500, true), true);
    assert.equal(isRetryableStatus(503, false), false);
    assert.equal(isRetryableStatus(501, true), false, 'not implemented will not change');
    assert.equal(
      isRetryableStatus(507, true),
      false,
      'a full disk is freed by an administrator, not by waiting',
    );
    assert.equal(isRetryableStatus(404, true), false);
  });

  it('retries broken connections of idempotent requests, and refused ones of any request', () => {
    assert.equal(isRetryableNetworkError(systemError('ECONNRESET'), true), true);
    assert.equal(isRetryableNetworkError(systemError('ECONNRESET'), false), false, 'a POST may have arrived');
    assert.equal(isRetryableNetworkError(systemError('ECONNREFUSED'), false), true, 'nothing was sent');
    assert.equal(isRetryableNetworkError({ cause: systemError('UND_ERR_SOCKET') }, true), true);
    assert.equal(isRetryableNetworkError(systemError('ENOTFOUND'), true), false);
    assert.equal(isRetryableNetworkError(new Error('no code'), true), false);
  });

  it('backs off while attempts are left, and gives up after the last', () => {
    assert.equal(
      nextDelayMs(1, policy, () => 0.5),
      50,
    );
    assert.equal(
      nextDelayMs(5, policy, () => 0.5),
      undefined,
      'the fifth attempt was the last',
    );
  });

  it('waits out a Retry-After as given, charging it to the budget rather than to the attempts', () => {
    assert.deepEqual(retryAfterVerdict(7000, 0, policy), { wait: true, delayMs: 7000, chargedMs: 7000 });
    assert.deepEqual(retryAfterVerdict(7000, 53_000, policy), { wait: true, delayMs: 7000, chargedMs: 7000 });
    assert.deepEqual(retryAfterVerdict(7000, 53_001, policy), { wait: false, leftMs: 6999 });
  });

  it('refuses a Retry-After longer than the whole budget at once, however little was spent', () => {
    assert.deepEqual(retryAfterVerdict(3_600_000, 0, policy), { wait: false, leftMs: 60_000 });
  });

  it('charges a Retry-After of 0 one second, so endless 0s still run out of budget', () => {
    assert.deepEqual(retryAfterVerdict(0, 0, policy), { wait: true, delayMs: 0, chargedMs: 1000 });
    let spentMs = 0;
    let waits = 0;
    for (let verdict = retryAfterVerdict(0, spentMs, policy); verdict.wait; ) {
      spentMs += verdict.chargedMs;
      waits += 1;
      verdict = retryAfterVerdict(0, spentMs, policy);
    }
    assert.equal(waits, 60);
  });

  it('turns Retry-After waits off with a budget of 0', () => {
    assert.deepEqual(retryAfterVerdict(0, 0, { ...policy, retryAfterBudgetMs: 0 }), {
      wait: false,
      leftMs: 0,
    });
  });

  it('bounds the default policy', () => {
    assert.ok(defaultRetryPolicy.maxAttempts > 1 && defaultRetryPolicy.maxAttempts <= 10);
    assert.ok(defaultRetryPolicy.retryAfterBudgetMs <= 60 * 60_000, 'no job hangs for more than an hour');
  });
});
