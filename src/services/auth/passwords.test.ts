import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordDerivations, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('right one');
    assert.equal(await verifyPassword('right one', stored), true);
    assert.equal(await verifyPassword('wrong one', stored), false);
  });

  it('keeps scrypt off the event loop, and runs at most two derivations at once', async () => {
    const stored = await hashPassword('right one');
    const checks = 6;
    // Each derivation keeps a core busy for tens of milliseconds. Were one to run on the event loop, no
    // timer could fire while it ran; off the loop, a 1 ms interval fires all the while.
    let turns = 0;
    let mostAtOnce = 0;
    const interval = setInterval(() => {
      turns += 1;
      mostAtOnce = Math.max(mostAtOnce, passwordDerivations().running);
    }, 1);
    const pending = Array.from({ length: checks }, () => verifyPassword('wrong one', stored));
    const queued = passwordDerivations();
    const outcomes = await Promise.all(pending);
    clearInterval(interval);
    assert.deepEqual(outcomes, Array(checks).fill(false));
    assert.ok(queued.running <= 2 && queued.running + queued.waiting === checks, JSON.stringify(queued));
    assert.ok(mostAtOnce >= 1 && mostAtOnce <= 2, `at most two at once (saw ${mostAtOnce})`);
    // Six derivations in a row take well over 100 ms; the loop turned throughout (not once per check).
    assert.ok(turns >= checks * 5, `the event loop turned ${turns} times while ${checks} checks ran`);
    assert.deepEqual(passwordDerivations(), { running: 0, waiting: 0 });
  });
});
