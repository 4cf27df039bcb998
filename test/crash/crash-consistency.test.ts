import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCrashRounds } from './crash-rounds.ts';

/**
 * The short run of the crash harness (the long one: test/crash/long-run.ts): the real server process,
 * four writers, SIGKILL at a seeded moment, during a large upload and during a checkpoint, restart, check. README "Crash consistency" has the figures.
 */
describe('a server killed at any moment', () => {
  it('keeps every acknowledged write, lists nothing half-written, and passes fsck after each restart', {
    timeout: 300_000,
  }, async () => {
    const result = await runCrashRounds({
      rounds: 4,
      seed: 22,
      maxLoadMs: 2000,
      moments: ['random', 'large-upload', 'checkpoint', 'random'],
    });
    assert.deepEqual(result.failures, []);
    assert.equal(result.kills, 4);
    assert.ok(result.acknowledged > 0, 'writes were answered before the kills');
  });
});
