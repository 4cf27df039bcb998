import type { FileHandle } from 'node:fs/promises';

const EARLY_SYNC_BYTES = 32 * 1024 * 1024;

/**
 * Starts writing a large file's pages to disk while later ones are still arriving, so the sync before the
 * rename finds little left to do: without it, a 1 GiB put waited a quarter of a second at the end for
 * the whole file's writeback. One sync at a time; their errors are left to that final sync to report
 * (Linux reports a writeback error to every later sync of the file).
 *
 * Writes go through the page cache, not around it (O_DIRECT, until issue 21): a direct write waits for the
 * device, one 1 MiB write at a time, and leaves nothing cached, so the first download of a new file read
 * it from the disk at 130–560 MiB/s against 520–1,960 after a buffered write; the buffered writes with
 * these early syncs were as fast as the direct ones (1 GiB: 261–854 MiB/s against 549–715, interleaved).
 */
export class EarlyWriteback {
  readonly #handle: FileHandle;
  readonly #slots: EarlySyncSlots;
  #unsynced = 0;
  #syncing: Promise<void> | undefined;

  constructor(handle: FileHandle, slots: EarlySyncSlots) {
    this.#handle = handle;
    this.#slots = slots;
  }

  wrote(bytes: number): void {
    this.#unsynced += bytes;
    if (this.#unsynced < EARLY_SYNC_BYTES || this.#syncing || !this.#slots.take()) return;
    this.#unsynced = 0;
    this.#syncing = this.#handle
      .datasync()
      .catch(() => undefined)
      .finally(() => {
        this.#slots.give();
        this.#syncing = undefined;
      });
  }

  /** Resolves once no sync is running: the handle may then be closed. */
  async settled(): Promise<void> {
    await this.#syncing;
  }
}

/**
 * How many early syncs a store runs at once, over all its puts. A sync holds one of libuv's four pool
 * threads until the disk has the file's pages, up to seconds while 16 large uploads write at once; with one
 * per put, they held every thread, and each other file operation of the process (the next write of every
 * put, `/status`'s look at the store) queued behind them. One at a time starts the disk on its way as well:
 * a skipped put syncs at its next write after the running one ends.
 */
export class EarlySyncSlots {
  readonly #limit: number;
  #running = 0;

  constructor(limit = 1) {
    this.#limit = limit;
  }

  take(): boolean {
    if (this.#running >= this.#limit) return false;
    this.#running += 1;
    return true;
  }

  give(): void {
    this.#running -= 1;
  }
}
