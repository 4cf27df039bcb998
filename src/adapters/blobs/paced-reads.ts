import { createReadStream, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ConcurrencyLimit } from '../../domain/concurrency-limit.ts';

// Reads in 1 MiB rather than the default 64 KiB: each chunk costs a read, a socket write and their
// callbacks, so a download takes a quarter of the CPU or less (docs/download-offload.md, bench/downloads.ts).
const chunkBytes = 1024 * 1024;

/**
 * Chunk reads under way at once, over every download of the process. Each read that completes is written
 * to its socket in the same turn of the event loop, a 1 MiB copy: 50 downloads whose clients read nothing
 * had up to 16 of them land per turn (one per pool thread) while the kernel's socket buffers filled, and a
 * small GET waited 80–175 ms behind them. Four keep a turn to a few milliseconds; a single download has
 * one read under way at a time anyway, so it goes as fast as before.
 */
const readsUnderWay = new ConcurrencyLimit(4);

/** A stream of the file's bytes (`start` to `end`, inclusive, when given) that closes `handle` when done. */
export function pacedReadStream(handle: FileHandle, range: { start?: number; end?: number } = {}): Readable {
  type ReadCallback = (error: NodeJS.ErrnoException | null, bytesRead: number, buffer: Buffer) => void;
  const paced = {
    open: () => {
      throw new Error('the file is open already');
    },
    close: (_fd: number, callback: (error: unknown) => void) => {
      handle.close().then(() => callback(null), callback);
    },
    read: (
      fd: number,
      buffer: Buffer,
      offset: number,
      length: number,
      position: number | null,
      callback: ReadCallback,
    ) => {
      void readsUnderWay.acquire().then((release) =>
        read(fd, buffer, offset, length, position, (error, bytesRead, filled) => {
          release();
          callback(error, bytesRead, filled);
        }),
      );
    },
  };
  // The handle stays referenced by `close`, so it is not collected (and its descriptor closed) meanwhile.
  return createReadStream('', { fd: handle.fd, fs: paced, highWaterMark: chunkBytes, ...range });
}

/** How many chunk reads are under way now (for tests). */
export const chunkReadsUnderWay = () => readsUnderWay.inUse;
