import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError, fileTooLarge } from '../../domain/errors.ts';
import type { BlobRef, BlobStore, ByteRange, PutBlobOptions } from '../../ports/blob-store.ts';
import { HashingThread, type HashSession } from './hashing-thread.ts';
import { fsyncDir, ShardDirectories } from './shard-directories.ts';

const WRITE_BUFFER_BYTES = 1024 * 1024;
// Write buffers are reused across puts: allocating two fresh MiB for every small upload kept the garbage
// collector busy. Enough spares for a few concurrent puts; more are allocated and dropped as needed.
const SPARE_WRITE_BUFFERS = 8;
// Two buffers let one fill while the other is written and hashed; more measured no faster.
const BUFFERS_PER_PUT = 2;
const EARLY_SYNC_BYTES = 32 * 1024 * 1024;

// The one part of WebAssembly used here (the compiler's libraries leave it out without the DOM).
declare const WebAssembly: {
  Memory: new (pages: { initial: number; maximum: number; shared: true }) => { buffer: SharedArrayBuffer };
};

/**
 * Shared memory (the hashing thread reads it) that starts on a page boundary, as direct writes require:
 * a WebAssembly memory is mapped whole pages at a time, which a plain SharedArrayBuffer is not promised.
 * Undefined where it cannot be had; the caller then takes plain shared memory and buffered writes.
 */
function alignedSharedMemory(bytes: number): SharedArrayBuffer | undefined {
  const wasmPage = 64 * 1024;
  const pages = Math.ceil(bytes / wasmPage);
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
  } catch {
    // V8 reserves gigabytes of address space for each such memory; a process limit (ulimit -v) refuses it.
    return undefined;
  }
}

/** A small free-list of write buffers, owned by one store; shared memory, so the hashing thread reads them. */
class WriteBuffers {
  readonly #spare: Buffer[] = [];
  readonly #aligned = new WeakSet<Buffer>();

  take(): Buffer {
    const spare = this.#spare.pop();
    if (spare) return spare;
    const aligned = alignedSharedMemory(WRITE_BUFFER_BYTES);
    const buffer = Buffer.from(aligned ?? new SharedArrayBuffer(WRITE_BUFFER_BYTES));
    if (aligned) this.#aligned.add(buffer);
    return buffer;
  }

  /** Whether the buffer starts on a page boundary, so direct (O_DIRECT) writes may use it. */
  isAligned(buffer: Buffer): boolean {
    return this.#aligned.has(buffer);
  }

  give(buffer: Buffer): void {
    if (this.#spare.length < SPARE_WRITE_BUFFERS) this.#spare.push(buffer);
  }
}
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Blobs as files at `<root>/<ab>/<sha256>`. A put writes to `<root>/.tmp/`, fsyncs, then renames into
 * place, so a blob path only ever holds complete bytes. Shard directories are kept once made.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly #tmpDir: string;
  readonly #shards: ShardDirectories;
  readonly #writeBuffers = new WriteBuffers();
  readonly #hashing = new HashingThread();

  constructor(rootDir: string) {
    this.#tmpDir = join(rootDir, '.tmp');
    this.#shards = new ShardDirectories(rootDir);
  }

  async init(): Promise<void> {
    await mkdir(this.#tmpDir, { recursive: true });
    await this.#shards.init();
    // Anything here was left by a put that never finished (a crash); no live put exists before init.
    for (const name of await readdir(this.#tmpDir)) {
      await rm(join(this.#tmpDir, name), { recursive: true, force: true });
    }
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutBlobOptions = {}): Promise<BlobRef> {
    const { maxBytes, signal, beforePlacing } = options;
    throwIfAborted(signal);
    const tmpPath = join(this.#tmpDir, randomUUID());
    const handle = await open(tmpPath, 'wx');
    let handleOpen = true;
    try {
      const { sha256, sizeBytes } = await writeAll(
        handle,
        tmpPath,
        source,
        this.#writeBuffers,
        this.#hashing,
        maxBytes,
        signal,
      );
      throwIfAborted(signal);
      await beforePlacing?.(sha256);

      const finalPath = this.#pathOf(sha256);
      await this.#shards.ensure(shardOf(sha256));
      const existed = (await sizeAt(finalPath)) !== undefined;
      // Same hash, same bytes: an existing blob makes this copy redundant, so it needs no sync, and its
      // removal (a second or so for some gigabytes on some disks) need not hold up the answer; a crash
      // meanwhile leaves it in .tmp for init to clear.
      if (!existed) await handle.sync();
      handleOpen = false;
      await handle.close();
      if (existed) rm(tmpPath, { force: true }).catch(() => undefined);
      // Concurrent puts of the same bytes may both get here; rename replaces atomically and both files
      // hold identical bytes, so either winner is correct.
      else await rename(tmpPath, finalPath);
      // An entry is durable only once its directory is synced. An existing entry may come from a
      // concurrent put that has not synced yet, so sync it then too.
      await fsyncDir(dirname(finalPath));
      return { sha256, sizeBytes };
    } catch (error) {
      if (handleOpen) await handle.close().catch(() => undefined);
      await rm(tmpPath, { force: true });
      // A failure after the rename leaves complete, correctly named bytes in place; deleting them could
      // delete the blob of a concurrent put of the same bytes that has already succeeded.
      throw error;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    let handle: FileHandle;
    try {
      handle = await open(this.#pathOf(sha256), 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw blobNotFound(sha256);
      throw error;
    }
    if (range === undefined) return handle.createReadStream();
    try {
      checkRange(sha256, range, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle.createReadStream({ start: range.start, end: range.end });
  }

  async sizeOf(sha256: string): Promise<number | undefined> {
    return SHA256_HEX.test(sha256) ? sizeAt(this.#pathOf(sha256)) : undefined;
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256_HEX.test(sha256)) await rm(this.#pathOf(sha256), { force: true });
  }

  #pathOf(sha256: string): string {
    return join(this.#shards.dirOf(shardOf(sha256)), sha256);
  }
}

function shardOf(sha256: string): string {
  return sha256.slice(0, 2);
}

/**
 * Copies `source` into `handle` in ~1 MiB writes, hashing and counting as it goes. Two buffers take turns:
 * one is written (and hashed) while the other fills, so the disk, the hash and the socket work at the same
 * time; writes still land in order because each waits for the one before. A source that fits in one
 * buffer is hashed here; a longer one on the hashing thread, buffer by buffer, so the event loop is free.
 */
async function writeAll(
  handle: FileHandle,
  path: string,
  source: AsyncIterable<Uint8Array>,
  pool: WriteBuffers,
  hashing: HashingThread,
  maxBytes: number | undefined,
  signal: AbortSignal | undefined,
): Promise<BlobRef> {
  // Taken as needed: a small put uses one. Per buffer, `released` settles once its last contents are
  // written and hashed, so it may be filled again.
  const buffers: Buffer[] = [pool.take()];
  const released: Promise<unknown>[] = [Promise.resolve()];
  let turn = 0;
  let buffer = buffers[0] as Buffer;
  let filled = 0;
  let sizeBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let session: HashSession | undefined;
  let inlineSha256: string | undefined;
  const writeback = new EarlyWriteback(handle);
  const direct = new DirectWrites(path);
  let position = 0;
  const writeFully = async (bytes: Buffer, length: number) => {
    const at = position;
    position += length;
    // Whole buffers go around the page cache when the filesystem allows it: no copy into the cache, and
    // no fresh cache memory to find for a large file. The last, partial buffer is written as usual.
    if (length === bytes.length && pool.isAligned(bytes) && (await direct.write(bytes, at))) return;
    let written = 0;
    while (written < length) {
      written += (await handle.write(bytes, written, length - written, at + written)).bytesWritten;
    }
    writeback.wrote(length);
  };
  const flush = async (last: boolean) => {
    const bytes = buffer;
    const length = filled;
    let hashed: Promise<void> = Promise.resolve();
    if (last && !session) inlineSha256 = createHash('sha256').update(bytes.subarray(0, length)).digest('hex');
    else {
      session ??= hashing.open();
      hashed = session.update(bytes, length);
    }
    writing = writing.then(() => writeFully(bytes, length));
    released[turn] = Promise.all([writing, hashed]);
    // Observed here so a failure is not reported as unhandled before the buffer's next turn awaits it.
    released[turn]?.catch(() => undefined);
    turn = (turn + 1) % BUFFERS_PER_PUT;
    if (turn === buffers.length) {
      buffers.push(pool.take());
      released.push(Promise.resolve());
    }
    buffer = buffers[turn] as Buffer;
    filled = 0;
    await released[turn];
  };

  const iterator = source[Symbol.asyncIterator]();
  let done = false;
  try {
    while (true) {
      const next = await nextUnlessAborted(iterator, signal);
      if (next.done === true) {
        done = true;
        break;
      }
      const chunk = next.value;
      sizeBytes += chunk.byteLength;
      if (maxBytes !== undefined && sizeBytes > maxBytes) throw fileTooLarge(maxBytes);
      for (let offset = 0; offset < chunk.byteLength; ) {
        const take = Math.min(chunk.byteLength - offset, buffer.length - filled);
        buffer.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === buffer.length) await flush(false);
      }
      throwIfAborted(signal);
    }
    await flush(true);
    await Promise.all(released);
    const sha256 = inlineSha256 ?? (await (session as HashSession).digest());
    return { sha256, sizeBytes };
  } finally {
    // A failure must not close the file, or hand a buffer back, under a write or hash still in flight.
    await Promise.allSettled(released);
    await writeback.settled();
    await direct.close();
    for (const spent of buffers) pool.give(spent);
    // A no-op once digested; otherwise the thread forgets this hash.
    session?.discard();
    // Tell the source to stop; not awaited, since a stalled source would hold the rejection hostage.
    if (!done) Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/**
 * A second descriptor on the temp file, opened with O_DIRECT at the first whole buffer, for writes of
 * whole, page-aligned buffers at aligned offsets. Where the filesystem refuses O_DIRECT (tmpfs, some
 * network filesystems) or a direct write fails, writes fall back to the buffered descriptor: `write`
 * then answers false and the caller writes the same bytes itself. The final sync of the file (on any
 * descriptor) still flushes the device's cache.
 */
class DirectWrites {
  readonly #path: string;
  #handle: Promise<FileHandle | undefined> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async write(bytes: Buffer, position: number): Promise<boolean> {
    this.#handle ??= open(this.#path, constants.O_WRONLY | constants.O_DIRECT).catch(() => undefined);
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
class EarlyWriteback {
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

function checkRange(sha256: string, { start, end }: ByteRange, sizeBytes: number): void {
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end;
  if (valid && end < sizeBytes) return;
  throw new DomainError('bad_request', `Range ${start}-${end} is outside the blob of ${sizeBytes} bytes`, {
    sha256,
    start,
    end,
    sizeBytes,
  });
}

/**
 * The source's next chunk, or the abort reason as soon as the signal fires, even while the source is
 * stalled. Each pull gets its own listener, removed once the pull settles: racing every pull against one
 * long-lived promise would leave a reaction on it per chunk, keeping every chunk of the upload in memory.
 */
function nextUnlessAborted<T>(
  iterator: AsyncIterator<T>,
  signal: AbortSignal | undefined,
): Promise<IteratorResult<T>> {
  if (signal === undefined) return iterator.next();
  return new Promise<IteratorResult<T>>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The put was aborted', 'AbortError');
}

async function sizeAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function blobNotFound(sha256: string): DomainError {
  return new DomainError('not_found', 'No blob has this SHA-256', { sha256 });
}
