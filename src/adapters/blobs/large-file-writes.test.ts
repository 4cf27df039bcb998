import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DirectWrites } from './large-file-writes.ts';
import { WriteBuffers } from './write-buffers.ts';

async function withScratchDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-direct-writes-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the temp directory's filesystem takes O_DIRECT at all (some tmpfs and network ones do not). */
async function directIsSupported(): Promise<boolean> {
  let supported = false;
  await withScratchDir(async (dir) => {
    const handle = await open(
      join(dir, 'probe'),
      constants.O_CREAT | constants.O_WRONLY | constants.O_DIRECT,
    ).catch(() => undefined);
    supported = handle !== undefined;
    await handle?.close();
  });
  return supported;
}

describe('direct writes', async () => {
  const skip = (await directIsSupported()) ? false : 'the temp directory refuses O_DIRECT';

  it('writes a whole aligned buffer at its position, around the page cache', { skip }, async () => {
    await withScratchDir(async (dir) => {
      const path = join(dir, 'file');
      await (await open(path, 'w')).close();
      const buffer = new WriteBuffers().take().fill(7);
      const direct = new DirectWrites(path);
      assert.equal(await direct.write(buffer, buffer.length), true);
      await direct.close();
      const written = await readFile(path);
      assert.equal(written.length, 2 * buffer.length);
      assert.ok(written.subarray(0, buffer.length).every((byte) => byte === 0));
      assert.ok(written.subarray(buffer.length).every((byte) => byte === 7));
    });
  });

  it('answers false for a write the device refuses, writes nothing, and stops trying', async () => {
    await withScratchDir(async (dir) => {
      const path = join(dir, 'file');
      await (await open(path, 'w')).close();
      const aligned = new WriteBuffers().take().fill(7);
      // One byte past a page boundary: O_DIRECT refuses the address, as a device that wants another
      // alignment would; the caller then writes the same bytes through the page cache.
      const misaligned = aligned.subarray(1, 1 + 4096);
      const direct = new DirectWrites(path);
      assert.equal(await direct.write(misaligned, 0), false);
      assert.equal(await direct.write(aligned, 0), false, 'no second try on a descriptor that failed');
      await direct.close();
      assert.equal((await readFile(path)).length, 0);
    });
  });
});
