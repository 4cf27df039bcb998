import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DomainError, type ErrorCode } from '../../src/domain/errors.ts';
import type { BlobStore } from '../../src/ports/blob-store.ts';

const MiB = 1024 * 1024;

export interface BlobStoreFixture {
  store: BlobStore;
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every BlobStore must show. `makeStore` returns a fresh, empty store; the suite calls
 * `init()` itself, since preparing the store is part of the contract.
 */
export function describeBlobStoreContract(name: string, makeStore: () => Promise<BlobStoreFixture>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let store: BlobStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      await store.init();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('returns the bytes it stored, with their SHA-256 and size', async () => {
      const bytes = randomBytes(100 * 1024 + 7);
      const ref = await store.put(chunked(bytes, 4096));
      assert.deepEqual(ref, { sha256: sha256Of(bytes), sizeBytes: bytes.length });
      assert.deepEqual(await readAll(await store.read(ref.sha256)), bytes);
      assert.equal(await store.sizeOf(ref.sha256), bytes.length);
    });

    it('lists every stored blob with its size and time, and quarantines one out of the listing', async () => {
      const beforeMs = Date.now() - 60_000;
      const a = await store.put(chunked(randomBytes(10), 10));
      const b = await store.put(chunked(randomBytes(2000), 500));
      const listed = [];
      for await (const blob of store.list()) listed.push(blob);
      assert.deepEqual(
        listed
          .map(({ sha256, sizeBytes }) => ({ sha256, sizeBytes }))
          .sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1)),
        [a, b].sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1)),
      );
      for (const blob of listed) assert.ok(blob.modifiedAtMs > beforeMs, 'placed just now');
      for (const blob of listed) {
        const described = await store.describe(blob.sha256);
        assert.equal(described?.sizeBytes, blob.sizeBytes);
        // S3 dates a listing to the millisecond and a HEAD to the second.
        assert.ok(Math.abs((described?.modifiedAtMs ?? 0) - blob.modifiedAtMs) < 1000, 'the same date');
      }
      const where = await store.quarantine(a.sha256);
      assert.match(where, new RegExp(a.sha256));
      assert.equal(await store.sizeOf(a.sha256), undefined);
      assert.equal(await store.describe(a.sha256), undefined);
      const after = [];
      for await (const blob of store.list()) after.push(blob.sha256);
      assert.deepEqual(after, [b.sha256]);
      await rejectsWithCode(store.quarantine(a.sha256), 'not_found');
    });

    it('stores an empty blob', async () => {
      const ref = await store.put(chunked(Buffer.alloc(0), 1));
      assert.deepEqual(ref, { sha256: sha256Of(Buffer.alloc(0)), sizeBytes: 0 });
      assert.equal(await store.sizeOf(ref.sha256), 0);
      assert.equal((await readAll(await store.read(ref.sha256))).length, 0);
    });

    it('returns the same blob for identical bytes written twice', async () => {
      const bytes = randomBytes(64 * 1024);
      const first = await store.put(chunked(bytes, 1000));
      const second = await store.put(chunked(bytes, 333));
      assert.deepEqual(second, first);
      assert.deepEqual(await readAll(await store.read(first.sha256)), bytes);
    });

    it('returns the same blob for identical bytes written concurrently', async () => {
      const bytes = randomBytes(3 * MiB);
      const refs = await Promise.all(Array.from({ length: 8 }, () => store.put(chunked(bytes, 64 * 1024))));
      for (const ref of refs) assert.deepEqual(ref, { sha256: sha256Of(bytes), sizeBytes: bytes.length });
      assert.equal(await store.sizeOf(sha256Of(bytes)), bytes.length);
      assert.deepEqual(await readAll(await store.read(sha256Of(bytes))), bytes);
    });

    describe('range reads', () => {
      const bytes = Buffer.from('0123456789abcdefghij');
      let sha256: string;
      beforeEach(async () => {
        sha256 = (await store.put(chunked(bytes, 3))).sha256;
      });

      it('reads the first byte', async () => {
        assert.equal((await readAll(await store.read(sha256, { start: 0, end: 0 }))).toString(), '0');
      });

      it('reads a range from the middle, both ends inclusive', async () => {
        assert.equal((await readAll(await store.read(sha256, { start: 5, end: 12 }))).toString(), '56789abc');
      });

      it('reads the last byte', async () => {
        assert.equal((await readAll(await store.read(sha256, { start: 19, end: 19 }))).toString(), 'j');
      });

      it('reads the whole blob when the range covers it', async () => {
        assert.deepEqual(await readAll(await store.read(sha256, { start: 0, end: 19 })), bytes);
      });

      it('refuses a range that ends beyond the blob with bad_request', async () => {
        await rejectsWithCode(store.read(sha256, { start: 10, end: 20 }), 'invalid_request');
        await rejectsWithCode(store.read(sha256, { start: 20, end: 25 }), 'invalid_request');
      });

      it('refuses a range whose start is after its end with bad_request', async () => {
        await rejectsWithCode(store.read(sha256, { start: 5, end: 4 }), 'invalid_request');
      });
    });

    it('answers not_found when reading a blob it never stored', async () => {
      await rejectsWithCode(store.read(sha256Of(randomBytes(16))), 'not_found');
    });

    it('answers not_found for something that is not a SHA-256', async () => {
      for (const bad of ['', 'abc', '../../etc/passwd', 'z'.repeat(64), `${'a'.repeat(62)}/x`]) {
        await rejectsWithCode(store.read(bad), 'not_found');
        assert.equal(await store.sizeOf(bad), undefined);
      }
    });

    it('accepts a blob of exactly maxBytes', async () => {
      const bytes = randomBytes(1000);
      const ref = await store.put(chunked(bytes, 100), { maxBytes: 1000 });
      assert.equal(ref.sizeBytes, 1000);
    });

    it('fails with too_large once maxBytes is crossed, stops reading and stores nothing', async () => {
      const bytes = randomBytes(10 * MiB);
      const source = counting(chunked(bytes, 64 * 1024));
      await rejectsWithCode(store.put(source, { maxBytes: MiB }), 'file_too_large');
      assert.ok(source.pulled() <= MiB / (64 * 1024) + 1, `pulled ${source.pulled()} chunks`);
      assert.equal(await store.sizeOf(sha256Of(bytes)), undefined);
      assert.equal(await store.sizeOf(sha256Of(bytes.subarray(0, MiB))), undefined);
    });

    it('rejects when the source throws midway and stores nothing', async () => {
      const bytes = randomBytes(2 * MiB);
      const failure = new Error('connection reset by client');
      async function* failing() {
        yield* chunked(bytes, 64 * 1024);
        throw failure;
      }
      await assert.rejects(store.put(failing()), (error) => error === failure);
      assert.equal(await store.sizeOf(sha256Of(bytes)), undefined);
    });

    it('rejects a put whose signal is already aborted and stores nothing', async () => {
      const bytes = randomBytes(1024);
      await assert.rejects(store.put(chunked(bytes, 100), { signal: AbortSignal.abort() }), {
        name: 'AbortError',
      });
      assert.equal(await store.sizeOf(sha256Of(bytes)), undefined);
    });

    it('rejects with the signal’s reason when aborted while the source is stalled', async () => {
      const controller = new AbortController();
      const reason = new Error('client went away');
      const first = randomBytes(1500 * 1024);
      async function* stalling() {
        yield first;
        controller.abort(reason);
        await new Promise(() => {});
      }
      await assert.rejects(store.put(stalling(), { signal: controller.signal }), (error) => error === reason);
      assert.equal(await store.sizeOf(sha256Of(first)), undefined);
    });

    it('keeps an existing blob when a later put of the same bytes fails', async () => {
      const bytes = randomBytes(2 * MiB);
      const ref = await store.put(chunked(bytes, 64 * 1024));
      await rejectsWithCode(store.put(chunked(bytes, 64 * 1024), { maxBytes: MiB }), 'file_too_large');
      await assert.rejects(store.put(chunked(bytes, 64 * 1024), { signal: AbortSignal.abort() }));
      assert.deepEqual(await readAll(await store.read(ref.sha256)), bytes);
    });

    it('asks beforePlacing with the hash while the bytes are not yet readable under it', async () => {
      const bytes = randomBytes(8192);
      const seen: { sha256: string; readable: number | undefined }[] = [];
      const ref = await store.put(chunked(bytes, 1000), {
        beforePlacing: async (sha256) => {
          seen.push({ sha256, readable: await store.sizeOf(sha256) });
        },
      });
      assert.deepEqual(seen, [{ sha256: ref.sha256, readable: undefined }]);
      assert.equal(await store.sizeOf(ref.sha256), bytes.length);
    });

    it('stores nothing when beforePlacing refuses', async () => {
      const bytes = randomBytes(8192);
      const refusal = new Error('not now');
      const put = store.put(chunked(bytes, 1000), {
        beforePlacing: async () => {
          throw refusal;
        },
      });
      await assert.rejects(put, (error) => error === refusal);
      assert.equal(await store.sizeOf(sha256Of(bytes)), undefined);
    });

    it('forgets a removed blob', async () => {
      const ref = await store.put(chunked(randomBytes(4096), 1024));
      await store.remove(ref.sha256);
      assert.equal(await store.sizeOf(ref.sha256), undefined);
      await rejectsWithCode(store.read(ref.sha256), 'not_found');
    });

    it('removes an absent blob without complaint', async () => {
      await store.remove(sha256Of(randomBytes(16)));
      await store.remove('not-a-hash');
    });

    it('streams a 20 MiB blob generated in uneven chunks', async () => {
      const expected = createHash('sha256');
      let expectedBytes = 0;
      async function* generated() {
        // Uneven sizes, some above the 1 MiB mark, so chunk boundaries never line up with write buffers.
        for (let i = 0; expectedBytes < 20 * MiB; i++) {
          const size = Math.min(((i * 7919) % (1536 * 1024)) + 1, 20 * MiB - expectedBytes);
          const chunk = Buffer.alloc(size, i % 251);
          expected.update(chunk);
          expectedBytes += size;
          yield chunk;
        }
      }
      const ref = await store.put(generated());
      assert.deepEqual(ref, { sha256: expected.digest('hex'), sizeBytes: 20 * MiB });

      const actual = createHash('sha256');
      let actualBytes = 0;
      for await (const chunk of await store.read(ref.sha256)) {
        actual.update(chunk);
        actualBytes += Buffer.byteLength(chunk);
      }
      assert.equal(actualBytes, 20 * MiB);
      assert.equal(actual.digest('hex'), ref.sha256);
    });
  });
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function* chunked(bytes: Buffer, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    // A copy, as a network source would hand over, so the store cannot rely on the caller's buffer.
    yield Buffer.from(bytes.subarray(offset, offset + chunkBytes));
  }
}

function counting(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> & { pulled: () => number } {
  let pulled = 0;
  return {
    pulled: () => pulled,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of source) {
        pulled++;
        yield chunk;
      }
    },
  };
}

async function readAll(readable: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function rejectsWithCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}
