import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { FilesystemBlobStore } from '../../src/adapters/blobs/filesystem-blob-store.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';

const makeRoot = () => mkdtemp(join(tmpdir(), 'tributary-blobs-'));

describeBlobStoreContract('FilesystemBlobStore', async () => {
  const root = await makeRoot();
  return { store: new FilesystemBlobStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('FilesystemBlobStore on disk', () => {
  let root: string;
  let store: FilesystemBlobStore;
  const tmpEntries = () => readdir(join(root, '.tmp'));

  beforeEach(async () => {
    root = await makeRoot();
    store = new FilesystemBlobStore(root);
    await store.init();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('does no I/O until init() is called', async () => {
    const unborn = join(root, 'not-yet');
    const lazy = new FilesystemBlobStore(unborn);
    await assert.rejects(access(unborn), { code: 'ENOENT' });
    await lazy.init();
    assert.deepEqual((await readdir(unborn)).sort(), ['.layout-one-level', '.tmp']);
  });

  it('removes leftovers of interrupted puts from .tmp on init()', async () => {
    await writeFile(join(root, '.tmp', 'crashed-put'), randomBytes(1024));
    await mkdir(join(root, '.tmp', 'odd-directory'));
    await writeFile(join(root, '.tmp', 'odd-directory', 'inner'), 'x');
    await new FilesystemBlobStore(root).init();
    assert.deepEqual(await tmpEntries(), []);
  });

  it('names the file a proxy sends for download offload, under the root and absolute', async () => {
    const bytes = randomBytes(3000);
    const { sha256 } = await store.put(once(bytes));
    const file = store.fileOf(sha256);
    assert.equal(file.relativePath, `${sha256.slice(0, 2)}/${sha256}`);
    assert.equal(file.absolutePath, join(root, file.relativePath));
    assert.deepEqual(await readFile(file.absolutePath), bytes);
    assert.throws(() => store.fileOf('../../etc/passwd'), { name: 'DomainError' });
  });

  it('reads a whole blob in 1 MiB chunks, not 64 KiB ones: a quarter of the calls per byte or fewer', async () => {
    const { sha256 } = await store.put(once(randomBytes(3 * 1024 * 1024)));
    const sizes: number[] = [];
    for await (const chunk of await store.read(sha256)) sizes.push((chunk as Buffer).length);
    assert.deepEqual(sizes, [1024 * 1024, 1024 * 1024, 1024 * 1024]);
  });

  it('puts each blob at <root>/<2 hex>/<sha256>', async () => {
    const bytes = randomBytes(5000);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ref = await store.put(once(bytes));
    assert.equal(ref.sha256, sha256);
    assert.deepEqual(await readFile(join(root, sha256.slice(0, 2), sha256)), bytes);
  });

  it('moves blobs of the two-level layout up a level on init(), once', async () => {
    const legacyRoot = await makeRoot();
    try {
      const blobs = [randomBytes(100), randomBytes(200)].map((bytes) => ({
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }));
      for (const { bytes, sha256 } of blobs) {
        await mkdir(join(legacyRoot, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
        await writeFile(join(legacyRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256), bytes);
      }
      const migrated = new FilesystemBlobStore(legacyRoot);
      await migrated.init();
      for (const { bytes, sha256 } of blobs) {
        assert.deepEqual(await buffer(await migrated.read(sha256)), bytes);
        // Both may share a shard (their hashes' first two digits): what is left there is blobs only.
        const shard = await readdir(join(legacyRoot, sha256.slice(0, 2)));
        assert.ok(shard.includes(sha256), sha256);
        assert.ok(
          shard.every((name) => blobs.some((blob) => blob.sha256 === name)),
          `only blobs in ${shard}`,
        );
      }
      // Later starts trust the marker and leave a directory that merely looks like the old layout alone.
      await mkdir(join(legacyRoot, 'ab', 'cd'), { recursive: true });
      await new FilesystemBlobStore(legacyRoot).init();
      await access(join(legacyRoot, 'ab', 'cd'));
    } finally {
      await rm(legacyRoot, { recursive: true, force: true });
    }
  });

  it('leaves .tmp empty after a successful put and after a put of bytes it already holds', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    await store.put(once(bytes));
    assert.deepEqual(await tmpEntries(), []);
    await store.put(once(bytes));
    // The redundant copy is removed after the put answers.
    for (let attempt = 0; attempt < 100 && (await tmpEntries()).length > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(await tmpEntries(), []);
  });

  it('dates a blob it already holds afresh when it is put again, large or small (orphans have a grace period)', async () => {
    for (const bytes of [randomBytes(3 * 1024 * 1024), randomBytes(1024)]) {
      const { sha256 } = await store.put(once(bytes));
      const file = store.fileOf(sha256).absolutePath;
      const longAgo = new Date('2020-01-01T00:00:00Z');
      await utimes(file, longAgo, longAgo);
      const before = (await stat(file)).mtimeMs;
      await store.put(once(bytes));
      const listed = [];
      for await (const blob of store.list()) if (blob.sha256 === sha256) listed.push(blob);
      assert.equal(listed.length, 1);
      assert.ok((listed[0]?.modifiedAtMs ?? 0) > before, `${bytes.length} bytes: dated as new again`);
      assert.deepEqual(await readFile(file), bytes);
    }
  });

  it('syncs a large blob while it is still being written, and its bytes arrive whole', async () => {
    // 80 MiB crosses the early-writeback threshold twice; what matters is that the file is intact.
    const chunk = randomBytes(1024 * 1024);
    async function* eighty() {
      for (let n = 0; n < 80; n += 1) yield chunk;
    }
    const expected = createHash('sha256');
    for (let n = 0; n < 80; n += 1) expected.update(chunk);
    const ref = await store.put(eighty());
    assert.deepEqual(ref, { sha256: expected.digest('hex'), sizeBytes: 80 * 1024 * 1024 });
    const read = createHash('sha256');
    for await (const piece of await store.read(ref.sha256)) read.update(piece as Buffer);
    assert.equal(read.digest('hex'), ref.sha256);
  });

  it('leaves .tmp empty after a put that is too large', async () => {
    await assert.rejects(store.put(once(randomBytes(2 * 1024 * 1024)), { maxBytes: 1024 }));
    assert.deepEqual(await tmpEntries(), []);
  });

  it('leaves .tmp empty after a put whose source fails', async () => {
    async function* failing() {
      yield randomBytes(1536 * 1024);
      throw new Error('source failed');
    }
    await assert.rejects(store.put(failing()));
    assert.deepEqual(await tmpEntries(), []);
  });

  it('leaves .tmp empty after an aborted put', async () => {
    const controller = new AbortController();
    async function* aborting() {
      yield randomBytes(1536 * 1024);
      controller.abort();
      yield randomBytes(1024);
    }
    await assert.rejects(store.put(aborting(), { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(await tmpEntries(), []);
  });

  it('stores large blobs whole where no page-aligned memory can be had (buffered writes instead)', async () => {
    // Under `ulimit -v`, V8 cannot reserve WebAssembly memory; a page limit of one makes it refuse the same way.
    const bytes = randomBytes(3 * 1024 * 1024 + 123);
    setFlagsFromString('--wasm-max-mem-pages=1');
    let ref: Awaited<ReturnType<FilesystemBlobStore['put']>>;
    try {
      const limited = new FilesystemBlobStore(join(root, 'limited'));
      await limited.init();
      ref = await limited.put(once(bytes));
    } finally {
      setFlagsFromString('--wasm-max-mem-pages=65536');
    }
    assert.equal(ref.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual(await readFile(join(root, 'limited', ref.sha256.slice(0, 2), ref.sha256)), bytes);
  });

  it('leaves no shard directories behind after failed puts', async () => {
    await assert.rejects(store.put(once(randomBytes(4096)), { maxBytes: 1024 }));
    assert.deepEqual((await readdir(root)).sort(), ['.layout-one-level', '.tmp']);
  });
});

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
