import assert from 'node:assert/strict';
import { mkdir, mkdtemp, open, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirectorySyncs } from './directory-syncs.ts';
import { fsyncDir } from './shard-directories.ts';

/** Real directory syncs that note which entries each one found in place when it began. */
function recordingSyncs() {
  const synced = new Set<string>();
  let count = 0;
  const syncs = new DirectorySyncs(async (dir) => {
    count += 1;
    const present = await readdir(dir);
    await fsyncDir(dir);
    for (const name of present) synced.add(path.join(dir, name));
  });
  return { syncs, synced, count: () => count };
}

/** A file written and synced in `staging`, then renamed into `dir`, as a put places a blob. */
async function place(staging: string, dir: string, name: string): Promise<string> {
  const temporary = path.join(staging, `${path.basename(dir)}-${name}`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.write(Buffer.from(name));
    await handle.sync();
  } finally {
    await handle.close();
  }
  const placed = path.join(dir, name);
  await rename(temporary, placed);
  return placed;
}

describe('shared directory syncs', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tributary-directory-syncs-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('answers each of many concurrent puts only after a sync that began with its entry in place', async () => {
    const staging = path.join(root, 'staging-many');
    const dir = path.join(root, 'shard-many');
    await mkdir(staging);
    await mkdir(dir);
    const { syncs, synced, count } = recordingSyncs();
    const puts = Array.from({ length: 32 }, async (_, n) => {
      const placed = await place(staging, dir, `blob-${n}`);
      await syncs.sync(dir);
      assert.ok(synced.has(placed), `blob-${n} was answered before a sync covered its entry`);
    });
    await Promise.all(puts);
    assert.ok(count() <= 32, `${count()} syncs for 32 puts`);
  });

  it('lets callers that arrive during a sync share the next one', async () => {
    const staging = path.join(root, 'staging-shared');
    const dir = path.join(root, 'shard-shared');
    await mkdir(staging);
    await mkdir(dir);
    const { syncs, synced, count } = recordingSyncs();
    const placed = [
      await place(staging, dir, 'first'),
      await place(staging, dir, 'second'),
      await place(staging, dir, 'third'),
    ];
    const first = syncs.sync(dir);
    // Asked for while the first sync runs, which may have read the directory already: both wait for the
    // next, and share it.
    const [second, third] = [syncs.sync(dir), syncs.sync(dir)];
    await Promise.all([first, second, third]);
    for (const entry of placed) assert.ok(synced.has(entry));
    assert.equal(count(), 2, 'three callers, two syncs');
  });

  it('keeps the syncs of different directories apart', async () => {
    const staging = path.join(root, 'staging-apart');
    await mkdir(staging);
    const dirs = [path.join(root, 'shard-a'), path.join(root, 'shard-b')];
    for (const dir of dirs) await mkdir(dir);
    const { syncs, synced, count } = recordingSyncs();
    const placed = await Promise.all(dirs.map((dir) => place(staging, dir, 'same-name')));
    await Promise.all(dirs.map((dir) => syncs.sync(dir)));
    for (const entry of placed) assert.ok(synced.has(entry));
    assert.equal(count(), 2);
  });

  it('fails every caller of a failed sync, and starts afresh for the next caller', async () => {
    let failing = true;
    let count = 0;
    const syncs = new DirectorySyncs(async () => {
      count += 1;
      if (failing) throw Object.assign(new Error('I/O error'), { code: 'EIO' });
    });
    const dir = path.join(root, 'failing');
    await Promise.all([
      assert.rejects(syncs.sync(dir), { code: 'EIO' }),
      assert.rejects(syncs.sync(dir), { code: 'EIO' }),
    ]);
    failing = false;
    await syncs.sync(dir);
    assert.equal(count, 3);
  });
});
