import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../domain/errors.ts';
import { SignInLimiter } from './sign-in-limiter.ts';

const steppingClock = () => {
  const clock = { ms: 1_000_000, nowMs: () => clock.ms };
  return clock;
};

// Three failures per user, six per address; one failure decays every 60 s / 3 = 20 s for a user.
const limits = { failuresPerUser: 3, failuresPerAddress: 6, windowMs: 60_000 };

const limiterWith = (clock = steppingClock()) => ({ clock, limiter: new SignInLimiter(limits, clock, 0) });

/** The refusal's Retry-After, or undefined when the attempt is admitted (not yet counted). */
const retryAfterOf = async (limiter: SignInLimiter, userKey: string, clientAddress?: string) => {
  try {
    await limiter.begin({ userKey, clientAddress });
    return undefined;
  } catch (error) {
    assert.ok(isDomainError(error, 'too_many_sign_in_attempts'));
    return error.params.retryAfterSeconds;
  }
};

/** Admitted attempts whose password was wrong. */
const fail = async (limiter: SignInLimiter, times: number, userKey: string, clientAddress?: string) => {
  for (let i = 0; i < times; i += 1) {
    assert.equal(await retryAfterOf(limiter, userKey, clientAddress), undefined);
    limiter.failed({ userKey, clientAddress });
  }
};

describe('SignInLimiter', () => {
  it('admits the limit of failures for a user, then refuses with the time until one has decayed', async () => {
    const { limiter } = limiterWith();
    await fail(limiter, 3, 'id:1', '10.0.0.1');
    assert.equal(await retryAfterOf(limiter, 'id:1', '10.0.0.1'), 20);
  });

  it('counts down while locked out, then admits one more try', async () => {
    const { clock, limiter } = limiterWith();
    await fail(limiter, 3, 'id:1');
    clock.ms += 15_000;
    assert.equal(await retryAfterOf(limiter, 'id:1'), 5);
    clock.ms += 5_000;
    await fail(limiter, 1, 'id:1');
    // That try failed too: locked again for one decay step.
    assert.equal(await retryAfterOf(limiter, 'id:1'), 20);
  });

  it('forgets every failure once the window has passed', async () => {
    const { clock, limiter } = limiterWith();
    await fail(limiter, 3, 'id:1');
    clock.ms += 60_000;
    await fail(limiter, 3, 'id:1');
  });

  it('clears a user’s count on success, but not their address’s earlier failures', async () => {
    const { limiter } = limiterWith();
    await fail(limiter, 2, 'id:1', '10.0.0.1');
    await limiter.begin({ userKey: 'id:1', clientAddress: '10.0.0.1' });
    limiter.succeeded({ userKey: 'id:1', clientAddress: '10.0.0.1' });
    await fail(limiter, 3, 'id:1', '10.0.0.2');
    // The address keeps its two failures: four more lock it out.
    await fail(limiter, 2, 'id:2', '10.0.0.1');
    await fail(limiter, 2, 'id:3', '10.0.0.1');
    assert.ok((await retryAfterOf(limiter, 'id:4', '10.0.0.1')) !== undefined);
  });

  it('does not lock out another user, nor another address', async () => {
    const { limiter } = limiterWith();
    await fail(limiter, 3, 'id:1', '10.0.0.1');
    assert.ok(
      (await retryAfterOf(limiter, 'id:1', '10.0.0.9')) !== undefined,
      'the user is locked everywhere',
    );
    await fail(limiter, 3, 'id:2', '10.0.0.1');
    assert.ok((await retryAfterOf(limiter, 'id:3', '10.0.0.1')) !== undefined, 'the address is locked');
    assert.equal(await retryAfterOf(limiter, 'id:3', '10.0.0.2'), undefined);
  });

  it('counts failures, not attempts under way: many requests at once with the right password all pass', async () => {
    const { limiter } = limiterWith();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => retryAfterOf(limiter, 'id:1')));
    assert.equal(outcomes.filter((outcome) => outcome === undefined).length, 10);
    await fail(limiter, 3, 'id:1');
    assert.equal(await retryAfterOf(limiter, 'id:1'), 20);
  });

  it('lifts a lock-out when told to forget the user', async () => {
    const { limiter } = limiterWith();
    await fail(limiter, 3, 'id:1');
    limiter.forgetUser('id:1');
    assert.equal(await retryAfterOf(limiter, 'id:1'), undefined);
  });

  it('counts nothing against a limit of 0', async () => {
    const clock = steppingClock();
    const limiter = new SignInLimiter({ ...limits, failuresPerUser: 0 }, clock, 0);
    await fail(limiter, 6, 'id:1', '10.0.0.1');
    assert.ok(
      (await retryAfterOf(limiter, 'id:1', '10.0.0.1')) !== undefined,
      'the address limit still holds',
    );
    assert.equal(await retryAfterOf(limiter, 'id:1', '10.0.0.2'), undefined);
  });
});
