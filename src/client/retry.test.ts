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
} from './retry.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
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

  it('honours Retry-After as given, and gives up when attempts run out or the wait is too long', () => {
    assert.equal(
      nextDelayMs(1, policy, () => 0.5, 7000),
      7000,
    );
    assert.equal(
      nextDelayMs(1, policy, () => 0.5, undefined),
      50,
    );
    assert.equal(
      nextDelayMs(5, policy, () => 0.5, 10),
      undefined,
      'the fifth attempt was the last',
    );
    assert.equal(
      nextDelayMs(1, policy, () => 0.5, 61_000),
      undefined,
    );
  });

  it('bounds the default policy', () => {
    assert.ok(defaultRetryPolicy.maxAttempts > 1 && defaultRetryPolicy.maxAttempts <= 10);
  });
});
