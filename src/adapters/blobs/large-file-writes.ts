import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

const EARLY_SYNC_BYTES = 32 * 1024 * 1024;

/**
 * A second descriptor on the temp file, opened with O_DIRECT at the first whole buffer, for writes of
 * whole, page-aligned buffers at aligned offsets. Where the filesystem refuses O_DIRECT (tmpfs, some
 * network filesystems) or a direct write fails, writes fall back to the buffered descriptor: `write`
 * then answers false and the caller writes the same bytes itself. The final sync of the file (on any
 * descriptor) still flushes the device's cache.
 */
export class DirectWrites {
  readonly #path: string;
  #handle: Promise<FileHandle | undefined> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async write(bytes: Buffer, position: number): Promise<boolean> {
    // O_DIRECT is Linux's; elsewhere the constant is missing and every write stays buffered.
    this.#handle ??=
      constants.O_DIRECT === undefined
        ? Promise.resolve(undefined)
        : open(this.#path, constants.O_WRONLY | constants.O_DIRECT).catch(() => undefined);
    const handle = await this.#handle;
    if (!handle) return false;
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length, position);
      if (bytesWritten === bytes.length) return true;
    } catch {
      // Refused after all (an alignment the device wants and we cannot give): stop trying.
    }
    this.#handle = Promise.resolve(undefined);
    await handle.close().catch(() => undefined);
    return false;
  }

  async close(): Promise<void> {
    const handle = await this.#handle;
    this.#handle = Promise.resolve(undefined);
    await handle?.close();
  }
}

/**
 * Starts writing a large file's pages to disk while later ones are still arriving, so the sync before the
 * rename finds little left to do: without it, a 1 GiB put waited a quarter of a second at the end for
 * the whole file's writeback. One sync at a time; their errors are left to that final sync to report
 * (Linux reports a writeback error to every later sync of the file).
 */
export class EarlyWriteback {
  readonly #handle: FileHandle;
  #unsynced = 0;
  #syncing: Promise<void> | undefined;

  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  wrote(bytes: number): void {
    this.#unsynced += bytes;
    if (this.#unsynced < EARLY_SYNC_BYTES || this.#syncing) return;
    this.#unsynced = 0;
    this.#syncing = this.#handle
      .datasync()
      .catch(() => undefined)
      .finally(() => {
        this.#syncing = undefined;
      });
  }

  /** Resolves once no sync is running: the handle may then be closed. */
  async settled(): Promise<void> {
    await this.#syncing;
  }
}
