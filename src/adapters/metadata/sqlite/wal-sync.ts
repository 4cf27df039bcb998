import { type FileHandle, open } from 'node:fs/promises';
import { SharedSync } from '../../shared-sync.ts';

/**
 * Makes committed transactions durable by syncing the write-ahead log from the thread pool, so the
 * event loop never waits on the disk. SQLite runs with `synchronous = NORMAL`: a commit writes its WAL
 * frames but does not sync them; callers answer nobody until `sync()` resolves. Concurrent callers share
 * syncs (see SharedSync): each resolves after one that started after its call.
 */
export class WalSync {
  readonly #walFile: string;
  readonly #syncs = new SharedSync(() => this.#syncOnce());
  #handle: Promise<FileHandle> | undefined;

  constructor(databaseFile: string) {
    this.#walFile = `${databaseFile}-wal`;
  }

  sync(): Promise<void> {
    return this.#syncs.sync();
  }

  async close(): Promise<void> {
    await this.#syncs.settled();
    const handle = await this.#handle?.catch(() => undefined);
    this.#handle = undefined;
    await handle?.close();
  }

  async #syncOnce(): Promise<void> {
    // Opened once: SQLite keeps the log file (and its inode) for as long as the database is open, and
    // syncing any descriptor of a file flushes all of its written pages.
    this.#handle ??= open(this.#walFile, 'r').catch((error: unknown) => {
      this.#handle = undefined;
      throw error;
    });
    await (await this.#handle).datasync();
  }
}
