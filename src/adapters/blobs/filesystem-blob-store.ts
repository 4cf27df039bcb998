import { createHash, randomUUID } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { access, type FileHandle, mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileTooLarge } from '../../domain/errors.ts';
import type { BlobRef, BlobStore, ByteRange, PutBlobOptions, StoredBlob } from '../../ports/blob-store.ts';
import { asStorageFailure } from '../storage-failures.ts';
import {
  blobNotFound,
  checkRange,
  nextUnlessAborted,
  SHA256_HEX,
  throwIfAborted,
} from './blob-store-rules.ts';
import { DirectorySyncs } from './directory-syncs.ts';
import { HashingThread, type HashSession } from './hashing-thread.ts';
import { EarlySyncSlots, EarlyWriteback } from './large-file-writes.ts';
import { pacedReadStream } from './paced-reads.ts';
import { ShardDirectories } from './shard-directories.ts';
import { WriteBuffers } from './write-buffers.ts';

// Two buffers let one fill while the other is written and hashed; more measured no faster.
const BUFFERS_PER_PUT = 2;
// Up to this size, syncing and renaming a copy of bytes already stored costs about what looking for them
// first does, and new bytes (nearly every small upload) then skip the look.
const SMALL_BLOB_BYTES = 64 * 1024;

/**
 * Blobs as files at `<root>/<ab>/<sha256>`. A put writes to `<root>/.tmp/`, fsyncs, then renames into
 * place, so a blob path only ever holds complete bytes. Shard directories are kept once made.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly #rootDir: string;
  readonly #tmpDir: string;
  readonly #shards: ShardDirectories;
  readonly #writeBuffers = new WriteBuffers();
  readonly #hashing = new HashingThread();
  readonly #earlySyncs = new EarlySyncSlots();
  readonly #directorySyncs: DirectorySyncs;

  /** `directorySyncs` is for tests that watch the syncs. */
  constructor(rootDir: string, directorySyncs = new DirectorySyncs()) {
    this.#rootDir = rootDir;
    this.#tmpDir = join(rootDir, '.tmp');
    this.#shards = new ShardDirectories(rootDir);
    this.#directorySyncs = directorySyncs;
  }

  async init(): Promise<void> {
    await mkdir(this.#tmpDir, { recursive: true });
    await this.#shards.init();
    // Anything here was left by a put that never finished (a crash); no live put exists before init.
    for (const name of await readdir(this.#tmpDir)) {
      await rm(join(this.#tmpDir, name), { recursive: true, force: true });
    }
  }

  /** Puts write under the temporary folder first: while it is writable, the store can take bytes. */
  async check(): Promise<void> {
    await access(this.#tmpDir, constants.R_OK | constants.W_OK);
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutBlobOptions = {}): Promise<BlobRef> {
    const { maxBytes, signal, beforePlacing } = options;
    throwIfAborted(signal);
    const tmpPath = join(this.#tmpDir, randomUUID());
    const handle = await open(tmpPath, 'wx').catch((error: unknown) => {
      throw asStorageFailure(error, 'blobs');
    });
    let handleOpen = true;
    try {
      const { sha256, sizeBytes } = await writeAll(
        handle,
        source,
        this.#writeBuffers,
        this.#hashing,
        this.#earlySyncs,
        maxBytes,
        signal,
      );
      throwIfAborted(signal);
      await beforePlacing?.(sha256);

      const finalPath = this.#pathOf(sha256);
      await this.#shards.ensure(shardOf(sha256));
      // An existing blob's modification time is set to now, as a new one's would be: unreferenced bytes
      // younger than the grace period may be an upload under way (fsck, docs/fsck.md), and this put may
      // be one that reuses an old orphan's bytes, not yet committed.
      const existed = sizeBytes > SMALL_BLOB_BYTES && (await touched(finalPath));
      // Same hash, same bytes: an existing blob makes this copy redundant, so it needs no sync, and its
      // removal (a second or so for some gigabytes on some disks) need not hold up the answer; a crash
      // meanwhile leaves it in .tmp for init to clear.
      if (!existed) await handle.sync();
      handleOpen = false;
      // Synced, the descriptor has nothing left to do: closing it runs beside the rename rather than
      // before it, one wait for the thread pool fewer on every put (a small upload's time is such waits).
      const closed = handle.close();
      const placed = existed
        ? closed.then(() => void rm(tmpPath, { force: true }).catch(() => undefined))
        : // Concurrent puts of the same bytes may both get here; rename replaces atomically and both
          // files hold identical bytes, so either winner is correct.
          rename(tmpPath, finalPath);
      await Promise.all([closed, placed]);
      // An entry is durable only once its directory is synced. An existing entry may come from a
      // concurrent put that has not synced yet, so sync it then too. Puts into one shard at one moment
      // share the sync; each still hears back only once its own entry is durable.
      await this.#directorySyncs.sync(dirname(finalPath));
      return { sha256, sizeBytes };
    } catch (error) {
      if (handleOpen) await handle.close().catch(() => undefined);
      await rm(tmpPath, { force: true });
      // A failure after the rename leaves complete, correctly named bytes in place; deleting them could
      // delete the blob of a concurrent put of the same bytes that has already succeeded.
      throw asStorageFailure(error, 'blobs');
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
    if (range === undefined) return pacedReadStream(handle);
    try {
      checkRange(sha256, range, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return pacedReadStream(handle, { start: range.start, end: range.end });
  }

  fileOf(sha256: string): { relativePath: string; absolutePath: string } {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    return { relativePath: `${shardOf(sha256)}/${sha256}`, absolutePath: this.#pathOf(sha256) };
  }

  async sizeOf(sha256: string): Promise<number | undefined> {
    return (await this.describe(sha256))?.sizeBytes;
  }

  async describe(sha256: string): Promise<StoredBlob | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const found = await statAt(this.#pathOf(sha256));
    return found && { sha256, sizeBytes: found.size, modifiedAtMs: found.mtimeMs };
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256_HEX.test(sha256)) await rm(this.#pathOf(sha256), { force: true });
  }

  /** Shard by shard, so memory holds one shard's names (a 256th of the store) at a time. */
  async *list(): AsyncIterable<StoredBlob> {
    const shards = (await readdir(this.#rootDir).catch(() => [] as string[]))
      .filter((name) => /^[0-9a-f]{2}$/.test(name))
      .sort();
    for (const shard of shards) {
      const names = await readdir(this.#shards.dirOf(shard)).catch(() => [] as string[]);
      for (const sha256 of names.filter((name) => SHA256_HEX.test(name)).sort()) {
        // A blob removed between the listing and the stat is simply no longer there.
        const found = await stat(join(this.#shards.dirOf(shard), sha256)).catch(() => undefined);
        if (found?.isFile()) yield { sha256, sizeBytes: found.size, modifiedAtMs: found.mtimeMs };
      }
    }
  }

  /** Renamed into `<root>/.quarantine/`, on the same file system, so nothing is copied or lost. */
  async quarantine(sha256: string): Promise<string> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    const quarantineDir = join(this.#rootDir, '.quarantine');
    await mkdir(quarantineDir, { recursive: true });
    const target = join(quarantineDir, `${sha256}.${Date.now()}`);
    try {
      await rename(this.#pathOf(sha256), target);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw blobNotFound(sha256);
      throw error;
    }
    await this.#directorySyncs.sync(quarantineDir);
    return target;
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
  source: AsyncIterable<Uint8Array>,
  pool: WriteBuffers,
  hashing: HashingThread,
  earlySyncs: EarlySyncSlots,
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
  const writeback = new EarlyWriteback(handle, earlySyncs);
  let position = 0;
  const writeFully = async (bytes: Buffer, length: number) => {
    const at = position;
    position += length;
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
        // Not `set`: into shared memory V8 copies word by word (atomically, for other threads' sake), which
        // profiled at a quarter of the event loop's time in a large upload; `fill` with a value exactly
        // as long as the range is one plain memcpy.
        buffer.fill(chunk.subarray(offset, offset + take), filled, filled + take);
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
    for (const spent of buffers) pool.give(spent);
    // A no-op once digested; otherwise the thread forgets this hash.
    session?.discard();
    // Tell the source to stop; not awaited, since a stalled source would hold the rejection hostage.
    if (!done) Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** Whether a file is at `path`, its modification (and access) time set to now if so. */
async function touched(path: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(path, now, now);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

async function statAt(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
