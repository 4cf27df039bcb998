import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';

export interface SignInLimits {
  /** Failed password checks of one user (or one unknown login) before it is locked out. */
  failuresPerUser: number;
  /** Failed password checks from one client address before it is locked out. */
  failuresPerAddress: number;
  /** How long a full count takes to decay to nothing: one failure is forgotten every window / limit. */
  windowMs: number;
}

/** Whose attempt it is: the user (or the login given, when no user has it) and the client's address. */
export interface SignInAttempt {
  userKey: string;
  clientAddress?: string | undefined;
}

interface Bucket {
  level: number;
  atMs: number;
}

// A refused attempt is answered after this pause (a timer: no CPU), as login(1) waits after a failure: a
// client that ignores Retry-After and asks again at once gets two answers a second per connection, not
// thousands, so a flood of refusals cannot take the event loop from good users either.
const defaultRefusalDelayMs = 500;

// Counters are kept for this many keys at most: an attacker naming endless logins or addresses evicts
// the oldest counts rather than growing the process without bound.
const maxTrackedKeys = 20_000;

/**
 * Counts failed password checks per user and per client address as leaky buckets: each failure adds one,
 * and the count drains at `limit / windowMs`. A key whose count is at its limit is locked out until one
 * failure has drained, so a locked-out guesser gets one try per `windowMs / limit` while it keeps failing,
 * and the count decays to nothing within the window once it stops. A failure is counted once its check
 * has failed, not when it starts: counting attempts under way locked out a client sending many requests
 * at once with the right password. Concurrent guesses can overshoot the limit by those under way, which
 * the password checks' queue (one or two at a time) keeps few. A correct password clears its user's count.
 * Counts live in this process: with several server processes each counts on its own.
 */
export class SignInLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: SignInLimits;
  private readonly clock: Clock;
  private readonly refusalDelayMs: number;

  constructor(limits: SignInLimits, clock: Clock, refusalDelayMs = defaultRefusalDelayMs) {
    this.limits = limits;
    this.clock = clock;
    this.refusalDelayMs = refusalDelayMs;
  }

  /** Forgets every count (a test-mode reset: the users they were about may be gone). */
  clear(): void {
    this.buckets.clear();
  }

  /**
   * Refuses the attempt with `too_many_sign_in_attempts` when its user or address is locked out, before
   * any password is checked (after the refusal pause). `failed` or `succeeded` then says how it went.
   */
  async begin(attempt: SignInAttempt): Promise<void> {
    const nowMs = this.clock.nowMs();
    const keys = this.keysOf(attempt);
    let waitMs = 0;
    for (const [key, limit] of keys) waitMs = Math.max(waitMs, this.lockedForMs(key, limit, nowMs));
    if (waitMs > 0) {
      if (this.refusalDelayMs > 0) await sleep(this.refusalDelayMs);
      throw new DomainError('too_many_sign_in_attempts', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
  }

  /** The password was wrong (or the login unknown): one more failure for its user and its address. */
  failed(attempt: SignInAttempt): void {
    const nowMs = this.clock.nowMs();
    for (const [key, limit] of this.keysOf(attempt)) this.add(key, limit, nowMs, 1);
  }

  /**
   * The password was right: its user's count starts again; the address keeps its failures, or one good
   * account would clear an address guessing at others.
   */
  succeeded(attempt: SignInAttempt): void {
    this.buckets.delete(userKeyOf(attempt.userKey));
  }

  /** Forgets a user's failures (an administrator set a new password). */
  forgetUser(userKey: string): void {
    this.buckets.delete(userKeyOf(userKey));
  }

  /** The keys the attempt counts against, with their limits; a limit of 0 counts nothing. */
  private keysOf(attempt: SignInAttempt): [string, number][] {
    const keys: [string, number][] = [];
    const { failuresPerUser, failuresPerAddress } = this.limits;
    if (failuresPerUser > 0) keys.push([userKeyOf(attempt.userKey), failuresPerUser]);
    if (attempt.clientAddress !== undefined && failuresPerAddress > 0) {
      keys.push([addressKeyOf(attempt.clientAddress), failuresPerAddress]);
    }
    return keys;
  }

  private drainMsOf(limit: number): number {
    return this.limits.windowMs / limit;
  }

  private levelOf(key: string, limit: number, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    return Math.max(0, bucket.level - (nowMs - bucket.atMs) / this.drainMsOf(limit));
  }

  /** How long until the key may try again: until its count has drained below the limit. */
  private lockedForMs(key: string, limit: number, nowMs: number): number {
    const excess = this.levelOf(key, limit, nowMs) - (limit - 1);
    return excess > 0 ? excess * this.drainMsOf(limit) : 0;
  }

  private add(key: string, limit: number, nowMs: number, amount: number): void {
    const level = Math.max(0, this.levelOf(key, limit, nowMs) + amount);
    // Deleted and set again, so the map's order is the order of last change: the oldest go first.
    this.buckets.delete(key);
    if (level === 0) return;
    if (this.buckets.size >= maxTrackedKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    this.buckets.set(key, { level, atMs: nowMs });
  }
}

/** The key of a known user's attempts; unknown logins are counted by `unknownLoginKey`. */
export const userAttemptKey = (userId: number) => `id:${userId}`;
export const unknownLoginKey = (login: string) => `login:${login.toLowerCase()}`;

const userKeyOf = (user: string) => `user:${user}`;
const addressKeyOf = (address: string) => `address:${address}`;
