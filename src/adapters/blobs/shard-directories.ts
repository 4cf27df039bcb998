import { mkdir, open, readdir, rename, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const TWO_HEX = /^[0-9a-f]{2}$/;
// Present once no blob is left in the two-level layout, so later starts skip looking for one.
const LAYOUT_MARKER = '.layout-one-level';

/**
 * The 256 directories blobs are spread over, `<root>/<ab>/`, each created the first time a blob needs it
 * and remembered after that: a put then creates no directory (on ext4 a new inode, and a parent to sync)
 * and syncs only the shard it renames into.
 */
export class ShardDirectories {
  readonly #rootDir: string;
  readonly #ready = new Map<string, Promise<void>>();

  constructor(rootDir: string) {
    this.#rootDir = rootDir;
  }

  /** Moves blobs of the older layout, `<ab>/<cd>/<sha256>`, up to `<ab>/<sha256>`, once. */
  async init(): Promise<void> {
    if (await exists(join(this.#rootDir, LAYOUT_MARKER))) return;
    for (const entry of await readdir(this.#rootDir, { withFileTypes: true })) {
      if (entry.isDirectory() && TWO_HEX.test(entry.name)) await flattenLegacyShard(this.dirOf(entry.name));
    }
    await writeFile(join(this.#rootDir, LAYOUT_MARKER), '');
    await fsyncDir(this.#rootDir);
  }

  dirOf(shard: string): string {
    return join(this.#rootDir, shard);
  }

  /** Resolves once the shard's directory exists durably; concurrent callers share the first one's work. */
  ensure(shard: string): Promise<void> {
    let ready = this.#ready.get(shard);
    if (!ready) {
      ready = this.#create(shard);
      this.#ready.set(shard, ready);
      ready.catch(() => this.#ready.delete(shard));
    }
    return ready;
  }

  async #create(shard: string): Promise<void> {
    const created = await mkdir(this.dirOf(shard), { recursive: true });
    // A new directory is durable only once its parent is synced.
    if (created !== undefined) await fsyncDir(this.#rootDir);
  }
}

/** Moves `<shard>/<cd>/<sha256>` to `<shard>/<sha256>`; a crash midway is finished by the next start. */
async function flattenLegacyShard(shardDir: string): Promise<void> {
  const legacyDirs = (await readdir(shardDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && TWO_HEX.test(entry.name))
    .map((entry) => join(shardDir, entry.name));
  if (legacyDirs.length === 0) return;
  for (const legacyDir of legacyDirs) {
    for (const blob of await readdir(legacyDir)) await rename(join(legacyDir, blob), join(shardDir, blob));
  }
  // The moves must be durable before the directories that held the blobs go: one sync for the shard.
  await fsyncDir(shardDir);
  for (const legacyDir of legacyDirs) await rmdir(legacyDir);
}

export async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return open(path, 'r').then(
    (handle) => handle.close().then(() => true),
    () => false,
  );
}
