import { type FileHandle, open } from 'node:fs/promises';

/**
 * Makes committed transactions durable by syncing the write-ahead log from the thread pool, so the
 * event loop never waits on the disk. SQLite runs with `synchronous = NORMAL`: a commit writes its WAL
 * frames but does not sync them; callers answer nobody until `sync()` resolves. A sync covers every
 * commit written before it started, so concurrent callers share one: a caller that arrives while a sync
 * is running waits for the next, which starts when that one ends.
 */
export class WalSync {
  readonly #walFile: string;
  #handle: Promise<FileHandle> | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(databaseFile: string) {
    this.#walFile = `${databaseFile}-wal`;
  }

  sync(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) return this.#start();
    const after = this.#running.then(
      () => undefined,
      () => undefined,
    );
    this.#next = after.then(() => {
      this.#next = undefined;
      return this.#start();
    });
    return this.#next;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#next]);
    const handle = await this.#handle?.catch(() => undefined);
    this.#handle = undefined;
    await handle?.close();
  }

  #start(): Promise<void> {
    const running = this.#syncOnce().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
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
