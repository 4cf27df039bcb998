import { SharedSync } from '../shared-sync.ts';
import { fsyncDir } from './shard-directories.ts';

/**
 * Directory syncs shared by the puts that rename into the same directory at the same moment. A renamed
 * entry is durable once its directory has been synced after the rename; concurrent small uploads landing
 * in one shard then share a sync instead of each opening, syncing and closing the directory (see
 * SharedSync for why a caller may wait for the next sync rather than the running one). Each file's own
 * fsync stays with its put, before its rename; and a put hears back only after its entry is durable, so
 * its metadata still commits after both.
 */
export class DirectorySyncs {
  readonly #syncs = new Map<string, SharedSync>();
  readonly #syncOnce: (dir: string) => Promise<void>;

  constructor(syncOnce: (dir: string) => Promise<void> = fsyncDir) {
    this.#syncOnce = syncOnce;
  }

  /** Resolves once everything renamed into `dir` before the call is durable. */
  async sync(dir: string): Promise<void> {
    let shared = this.#syncs.get(dir);
    if (!shared) {
      shared = new SharedSync(() => this.#syncOnce(dir));
      this.#syncs.set(dir, shared);
    }
    try {
      await shared.sync();
    } finally {
      // An idle directory is forgotten, so the map holds only directories being synced.
      if (!shared.busy && this.#syncs.get(dir) === shared) this.#syncs.delete(dir);
    }
  }
}
