import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3BlobStore, type S3BlobStoreOptions } from '../../src/adapters/blobs/s3-blob-store.ts';
import {
  emptyPrefix,
  freshS3Location,
  keysUnder,
  openUploadsUnder,
  s3TestBucket,
  s3TestClient,
  s3TestEndpoint,
} from '../support/test-blob-store.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';

const MiB = 1024 * 1024;
const skip = s3TestEndpoint === undefined ? 'set TRIBUTARY_TEST_S3_ENDPOINT to run on an S3 store' : false;
const cli = path.join(import.meta.dirname, '..', '..', 'bin', 'tributary.js');

if (skip === false) {
  describeBlobStoreContract('S3BlobStore', async () => {
    const location = await freshS3Location();
    const store = new S3BlobStore({ ...location, partBytes: 5 * MiB });
    return {
      store,
      cleanup: async () => {
        store.close();
        await emptyPrefix(location.prefix);
      },
    };
  });
}

describe('S3BlobStore on radosgw', { skip }, () => {
  let location: S3BlobStoreOptions;
  let store: S3BlobStore;
  const tmp = () => `${location.prefix}tmp/`;
  const leftovers = async () => [...(await keysUnder(tmp())), ...(await openUploadsUnder(tmp()))];

  beforeEach(async () => {
    location = await freshS3Location();
    // Small parts, so a few MiB already make a multipart upload.
    store = new S3BlobStore({ ...location, partBytes: 5 * MiB });
    await store.init();
  });
  afterEach(async () => {
    store.close();
    await emptyPrefix(location.prefix);
  });

  it('keeps each blob at <prefix>blobs/<2 hex>/<sha256>, once for identical bytes, and no temporary object', async () => {
    const bytes = randomBytes(12 * MiB + 5);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await store.put(pieces(bytes));
    await Promise.all([store.put(pieces(bytes)), store.put(pieces(bytes))]);
    assert.deepEqual(await keysUnder(location.prefix), [
      `${location.prefix}blobs/${sha256.slice(0, 2)}/${sha256}`,
    ]);
    assert.deepEqual(await leftovers(), []);
  });

  it('leaves no multipart upload and no temporary object after a failed, aborted or too-large put', async () => {
    async function* failing() {
      yield* pieces(randomBytes(11 * MiB));
      throw new Error('client went away');
    }
    await assert.rejects(store.put(failing()), /client went away/);
    const controller = new AbortController();
    async function* aborted() {
      yield* pieces(randomBytes(11 * MiB));
      controller.abort();
      yield randomBytes(10);
    }
    await assert.rejects(store.put(aborted(), { signal: controller.signal }), { name: 'AbortError' });
    await assert.rejects(store.put(pieces(randomBytes(12 * MiB)), { maxBytes: 11 * MiB }), {
      code: 'file_too_large',
    });
    await assert.rejects(
      store.put(pieces(randomBytes(6 * MiB)), {
        beforePlacing: async () => {
          throw new Error('refused');
        },
      }),
      /refused/,
    );
    assert.deepEqual(await leftovers(), []);
    assert.deepEqual(await keysUnder(location.prefix), []);
  });

  it('sweeps stale multipart uploads and temporary objects at init, and leaves fresh ones to their puts', async () => {
    const s3 = s3TestClient();
    await s3.send(new CreateMultipartUploadCommand({ Bucket: s3TestBucket, Key: `${tmp()}crashed-upload` }));
    await s3.send(new PutObjectCommand({ Bucket: s3TestBucket, Key: `${tmp()}crashed-copy`, Body: 'x' }));
    const fresh = new S3BlobStore(location);
    await fresh.init();
    fresh.close();
    assert.equal(
      (await leftovers()).length,
      2,
      'younger than the grace period: another node may be uploading',
    );
    // radosgw keeps whole-second times; a grace period of zero makes everything started before now stale.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const sweeping = new S3BlobStore({ ...location, staleAfterMs: 0 });
    await sweeping.init();
    sweeping.close();
    assert.deepEqual(await leftovers(), []);
  });

  it('reads ranges with ranged GETs, across part boundaries', async () => {
    const bytes = randomBytes(11 * MiB);
    const { sha256 } = await store.put(pieces(bytes));
    for (const [start, end] of [
      [0, 0],
      [5 * MiB - 3, 5 * MiB + 3],
      [bytes.length - 1, bytes.length - 1],
      [123, bytes.length - 1],
    ] as const) {
      assert.deepEqual(
        await buffer(await store.read(sha256, { start, end })),
        bytes.subarray(start, end + 1),
      );
    }
  });

  it('copies a blob above the single-copy limit in parts', async () => {
    const parted = new S3BlobStore({
      ...location,
      partBytes: 5 * MiB,
      singleCopyLimitBytes: 5 * MiB,
      copyPartBytes: 5 * MiB,
    });
    const bytes = randomBytes(12 * MiB + 1);
    const { sha256 } = await parted.put(pieces(bytes));
    assert.deepEqual(await buffer(await parted.read(sha256)), bytes);
    parted.close();
    assert.deepEqual(await leftovers(), []);
    assert.deepEqual(await openUploadsUnder(location.prefix), []);
  });

  it('stops `tributary serve` with one line naming the setting, exit code 2, on a wrong secret, a missing bucket or an unreachable endpoint', () => {
    const base = {
      ...process.env,
      TRIBUTARY_PORT: '0',
      TRIBUTARY_DATA_DIR: path.join(import.meta.dirname, 'never-created'),
      TRIBUTARY_BLOB_STORE_URL: `s3://${s3TestBucket}/${location.prefix}`,
      TRIBUTARY_S3_ENDPOINT: s3TestEndpoint ?? '',
      TRIBUTARY_S3_FORCE_PATH_STYLE: 'true',
    };
    for (const [env, setting, problem] of [
      [{ AWS_SECRET_ACCESS_KEY: 'WRONGSECRET' }, 'TRIBUTARY_BLOB_STORE_URL', /refused the credentials/],
      [
        { TRIBUTARY_BLOB_STORE_URL: 's3://no-such-bucket-for-tributary' },
        'TRIBUTARY_BLOB_STORE_URL',
        /does not exist/,
      ],
      [{ TRIBUTARY_S3_ENDPOINT: 'http://127.0.0.1:1' }, 'TRIBUTARY_S3_ENDPOINT', /cannot reach/],
    ] as const) {
      const run = spawnSync(process.execPath, [cli, 'serve'], { env: { ...base, ...env }, encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0] ?? '', new RegExp(`^tributary: invalid ${setting} \\(`));
      assert.match(lines[0] ?? '', problem);
    }
  });
});

async function* pieces(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += 256 * 1024) {
    yield bytes.subarray(offset, offset + 256 * 1024);
  }
}
