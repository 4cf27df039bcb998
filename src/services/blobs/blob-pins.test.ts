import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../adapters/metadata/sqlite/open-sqlite-store.ts';
import { BlobPins } from './blob-pins.ts';

const sha = 'a'.repeat(64);

describe('blob pins', () => {
  it('refuses to remove pinned bytes, and removes them once every pin is gone', async () => {
    const pins = new BlobPins();
    await pins.pin(sha);
    await pins.pin(sha);
    let removals = 0;
    const remove = async () => {
      removals += 1;
      return true;
    };
    assert.equal(await pins.removeUnlessPinned(sha, remove), false);
    pins.unpin(sha);
    assert.equal(await pins.removeUnlessPinned(sha, remove), false);
    pins.unpin(sha);
    assert.equal(await pins.removeUnlessPinned(sha, remove), true);
    assert.equal(removals, 1);
  });

  it('makes a pin wait until a removal of the same bytes in progress has finished', async () => {
    const pins = new BlobPins();
    const events: string[] = [];
    let finishRemoval = () => {};
    const removal = pins.removeUnlessPinned(sha, async () => {
      events.push('removal started');
      await new Promise<void>((resolve) => (finishRemoval = resolve));
      events.push('removal finished');
      return true;
    });
    const pinned = pins.pin(sha).then(() => events.push('pinned'));
    const otherBytes = pins.pin('b'.repeat(64)).then(() => events.push('other bytes pinned'));
    await otherBytes;
    assert.deepEqual(events, ['removal started', 'other bytes pinned']);
    finishRemoval();
    await Promise.all([removal, pinned]);
    assert.deepEqual(events, ['removal started', 'other bytes pinned', 'removal finished', 'pinned']);
    // The pin now holds: a second removal leaves the bytes alone.
    assert.equal(await pins.removeUnlessPinned(sha, async () => true), false);
  });

  it('lets a pin through when the removal fails', async () => {
    const pins = new BlobPins();
    const removal = pins.removeUnlessPinned(sha, async () => {
      throw new Error('disk gone');
    });
    const pinned = pins.pin(sha);
    await assert.rejects(removal, /disk gone/);
    await pinned;
    assert.equal(await pins.removeUnlessPinned(sha, async () => true), false);
  });

  it('shows the pins of one process to a removal on another that shares the store', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-pins-'));
    const file = path.join(dir, 'tributary.db');
    const a = (await openSqliteStore(file)).store;
    const b = (await openSqliteStore(file)).store;
    try {
      const clock = { nowMs: () => 1000 };
      const onA = new BlobPins({ repository: a.blobPins, clock, pinMs: 60_000 });
      const onB = new BlobPins({ repository: b.blobPins, clock, pinMs: 60_000 });
      const pinnedForB = () =>
        b.transaction((repositories) => onB.pinnedElsewhere(repositories.blobPins, sha));
      await onA.pin(sha);
      await onA.pin(sha);
      assert.equal(await pinnedForB(), true);
      await onA.unpin(sha);
      assert.equal(await pinnedForB(), true, 'one upload on a still holds them');
      await onA.unpin(sha);
      assert.equal(await pinnedForB(), false);
      assert.equal(
        await new BlobPins().pinnedElsewhere(b.blobPins, sha),
        false,
        'unshared: no other process',
      );
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
