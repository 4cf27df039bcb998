/**
 * How fast one user, app or client address may send requests, as Confluence Data Center's rate limiting
 * counts them: a token bucket holding at most `max` tokens ("Max requests"), refilled by a batch of
 * `fillRate` tokens ("Requests allowed") every `intervalSeconds`. A request takes one token; with none
 * left it is refused until the next batch arrives.
 */
export interface BucketRule {
  fillRate: number;
  intervalSeconds: number;
  max: number;
}

/** What one request's take left: whether it may go on, the tokens left, and how long until the next batch. */
export interface Take {
  allowed: boolean;
  remaining: number;
  /** 0 while tokens are left, as Data Center sends it; else whole seconds until the next batch (>= 1). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** When the last batch was added; the next comes one interval later. */
  refilledAtMs: number;
  /** When the bucket, left alone, is full again: from then it is the same as no bucket and can go. */
  fullAtMs: number;
}

export interface BucketLimits {
  /** Buckets kept at most: past it the least recently used go, even before they are full again. */
  maxBuckets: number;
  /** How often idle buckets (full again) are dropped. */
  sweepEveryMs: number;
}

const defaultLimits: BucketLimits = { maxBuckets: 100_000, sweepEveryMs: 60_000 };

/**
 * The buckets of every key, in memory (one process counts alone). A take is a map lookup and some
 * arithmetic; buckets that have refilled completely are dropped by a sweep at most every `sweepEveryMs`,
 * so memory follows the keys active within the last fill time, capped by `maxBuckets`.
 */
export class RequestBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: BucketLimits;
  private lastSweepMs = 0;

  constructor(limits: Partial<BucketLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string, rule: BucketRule, nowMs: number): Take {
    const intervalMs = rule.intervalSeconds * 1000;
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Deleted and set again below, so the map's order is the order of last use: the oldest go first.
      this.buckets.delete(key);
      const batches = Math.floor((nowMs - bucket.refilledAtMs) / intervalMs);
      if (batches > 0) {
        bucket.tokens = Math.min(rule.max, bucket.tokens + batches * rule.fillRate);
        bucket.refilledAtMs += batches * intervalMs;
      }
      // A rule lowered since the bucket was made takes effect at once.
      bucket.tokens = Math.min(bucket.tokens, rule.max);
    } else {
      bucket = { tokens: rule.max, refilledAtMs: nowMs, fullAtMs: nowMs };
    }
    // A full bucket gains nothing while it waits: its next batch is one interval after it is first drawn on.
    if (bucket.tokens >= rule.max) bucket.refilledAtMs = nowMs;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const missing = rule.max - bucket.tokens;
    bucket.fullAtMs = bucket.refilledAtMs + Math.ceil(missing / rule.fillRate) * intervalMs;
    this.buckets.set(key, bucket);
    this.sweep(nowMs);
    const untilNextBatchMs = bucket.refilledAtMs + intervalMs - nowMs;
    return {
      allowed,
      remaining: bucket.tokens,
      retryAfterSeconds: bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil(untilNextBatchMs / 1000)),
    };
  }

  private sweep(nowMs: number): void {
    // Past the cap (a flood of client addresses) the least recently used start afresh: one eviction per
    // new key, never a scan per request.
    if (this.buckets.size > this.limits.maxBuckets) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (nowMs - this.lastSweepMs < this.limits.sweepEveryMs) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) if (bucket.fullAtMs <= nowMs) this.buckets.delete(key);
  }
}
