/**
 * When to try a request again and how long to wait: pure functions, so the rules are tested without a
 * clock. Cloud answers 429 with `Retry-After` in seconds, some proxies with an HTTP date; 503s may carry
 * it too (api-reference.md §0.8).
 */
import { errorCodeOf } from './errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retrying off. */
  maxAttempts: number;
  /** The backoff ceiling of the first retry; it doubles with each further retry. */
  baseDelayMs: number;
  /** No backoff wait is longer than this. */
  maxDelayMs: number;
  /**
   * How long one request may spend, in all, waiting out the `Retry-After` of 429s and 503s. Those waits do
   * not use up attempts (the server said when to come back; it did not fail), so this budget is what ends
   * them; a `Retry-After` longer than what is left fails the request at once instead of hanging the job.
   */
  retryAfterBudgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  retryAfterBudgetMs: 10 * 60_000,
};

/**
 * `Retry-After` counts whole seconds, so each answer waited out is charged at least one against the
 * budget: a server that keeps answering `Retry-After: 0` cannot hold a request forever.
 */
const minimumRetryAfterChargeMs = 1000;

/** A request that may be sent twice without changing the outcome (RFC 9110 §9.2.2). */
export const isIdempotent = (method: string) => ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(method);

/**
 * "Full jitter": a uniform wait between 0 and the exponential ceiling, so many clients that failed
 * together do not come back together. `attempt` is the number of the attempt that just failed (1-based).
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday and month (`Wed, 21 Oct 2015 07:28:00 GMT`); `-1` is no date.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

// 501 will not change; 507 (the server's storage is full, RFC 4918 §11.5) changes only when an
// administrator frees space, so sending the bytes again would only fill the disk's last room again.
const lastingStatuses = new Set([501, 507]);

/** Statuses worth another try: 429 always; 5xx only for idempotent requests, and not the lasting ones. */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429) return true;
  return idempotent && status >= 500 && status <= 599 && !lastingStatuses.has(status);
}

// Failures before or while the answer arrives; a DNS "not found" is left out because waiting will not fix it.
const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
// The server never saw these requests, so even a POST may be sent again.
const notSentCodes = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function isRetryableNetworkError(error: unknown, idempotent: boolean): boolean {
  const code = errorCodeOf(error);
  if (code === undefined) return false;
  return idempotent ? transientCodes.has(code) : notSentCodes.has(code);
}

/**
 * How long to wait before attempt `attempt + 1` after a failure that named no `Retry-After`, or undefined
 * to give up: the jittered backoff, while attempts are left.
 */
export function nextDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  return backoffDelayMs(attempt, policy, random);
}

export type RetryAfterVerdict =
  | { wait: true; delayMs: number; chargedMs: number }
  | { wait: false; leftMs: number };

/**
 * Whether to wait out a `Retry-After` of `askedMs`, given `spentMs` of the request's budget already spent.
 * A wait does not count as an attempt; it is charged to the budget instead.
 */
export function retryAfterVerdict(askedMs: number, spentMs: number, policy: RetryPolicy): RetryAfterVerdict {
  const leftMs = Math.max(0, policy.retryAfterBudgetMs - spentMs);
  const chargedMs = Math.max(askedMs, minimumRetryAfterChargeMs);
  return chargedMs <= leftMs ? { wait: true, delayMs: askedMs, chargedMs } : { wait: false, leftMs };
}
