import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
