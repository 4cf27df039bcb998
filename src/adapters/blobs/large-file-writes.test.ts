import assert from 'node:assert/strict';
import type { FileHandle } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { EarlySyncSlots, EarlyWriteback } from './large-file-writes.ts';

const MiB = 1024 * 1024;

/** A file handle that only counts its syncs, each of which ends when the test says. */
function syncCounter() {
  const pending: (() => void)[] = [];
  const handle = {
    datasync: () => new Promise<void>((resolve) => pending.push(resolve)),
  } as unknown as FileHandle;
  return { handle, pending };
}

describe('early writeback', () => {
  it('syncs a put once 32 MiB are unsynced, and not again while that sync runs', async () => {
    const { handle, pending } = syncCounter();
    const writeback = new EarlyWriteback(handle, new EarlySyncSlots());
    writeback.wrote(31 * MiB);
    assert.equal(pending.length, 0);
    writeback.wrote(MiB);
    writeback.wrote(32 * MiB);
    assert.equal(pending.length, 1);
    pending[0]?.();
    await writeback.settled();
    writeback.wrote(32 * MiB);
    assert.equal(pending.length, 2);
  });

  it('runs one sync at a time over all the puts that share its slots, so the thread pool stays free', async () => {
    const slots = new EarlySyncSlots();
    const first = syncCounter();
    const second = syncCounter();
    const a = new EarlyWriteback(first.handle, slots);
    const b = new EarlyWriteback(second.handle, slots);
    a.wrote(32 * MiB);
    b.wrote(32 * MiB);
    assert.equal(first.pending.length + second.pending.length, 1);
    first.pending[0]?.();
    await a.settled();
    b.wrote(MiB);
    assert.equal(second.pending.length, 1, 'the put that was skipped syncs at its next write');
  });
});
