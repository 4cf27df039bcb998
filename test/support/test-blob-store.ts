/**
 * The blob store test servers use. Absent `TRIBUTARY_TEST_S3_ENDPOINT` it is each server's own folder;
 * with it, a fresh prefix of bucket `tributary-tests` on that S3 endpoint (radosgw in CI), emptied after.
 * Tests look at stored blobs through the probes here, never through the folder directly.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3BlobStoreOptions } from '../../src/adapters/blobs/s3-blob-store.ts';

export const s3TestEndpoint = process.env.TRIBUTARY_TEST_S3_ENDPOINT || undefined;
export const s3TestBucket = 'tributary-tests';

/** For tests that act on the blob folder itself: `it(name, folderOnly, …)`. */
export const folderOnly = {
  skip: s3TestEndpoint === undefined ? false : 'acts on the blob folder; the blobs are on S3',
};

// radosgw's test credentials, unless the run brings its own.
if (s3TestEndpoint !== undefined) {
  process.env.AWS_ACCESS_KEY_ID ??= 'TESTKEY';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'TESTSECRET';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

let client: S3Client | undefined;
let bucketReady: Promise<void> | undefined;

/** A client for the test endpoint, configured as the product configures its own. */
export function s3TestClient(): S3Client {
  if (s3TestEndpoint === undefined) throw new Error('TRIBUTARY_TEST_S3_ENDPOINT is not set');
  client ??= new S3Client({
    endpoint: s3TestEndpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

/** Store options for a fresh, empty prefix of the test bucket (created if missing), or the given one. */
export async function freshS3Location(prefix = `t-${randomUUID()}/`): Promise<S3BlobStoreOptions> {
  const s3 = s3TestClient();
  bucketReady ??= s3.send(new HeadBucketCommand({ Bucket: s3TestBucket })).then(
    () => undefined,
    async () => {
      await s3.send(new CreateBucketCommand({ Bucket: s3TestBucket })).catch((error: unknown) => {
        // Another test file may have created it meanwhile.
        if (!(error instanceof Error && /BucketAlready/.test(error.name))) throw error;
      });
    },
  );
  await bucketReady;
  return {
    bucket: s3TestBucket,
    prefix,
    endpoint: s3TestEndpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    checksums: 'when_required',
  };
}

/** Every key under the prefix, sorted. */
export async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3TestClient().send(
      new ListObjectsV2Command({ Bucket: s3TestBucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys.sort();
}

/** Keys of the multipart uploads open under the prefix. */
export async function openUploadsUnder(prefix: string): Promise<string[]> {
  const page = await s3TestClient().send(
    new ListMultipartUploadsCommand({ Bucket: s3TestBucket, Prefix: prefix }),
  );
  return (page.Uploads ?? []).map((upload) => upload.Key ?? '').sort();
}

/** Removes every object under the prefix. */
export async function emptyPrefix(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  for (let at = 0; at < keys.length; at += 1000) {
    await s3TestClient().send(
      new DeleteObjectsCommand({
        Bucket: s3TestBucket,
        Delete: { Objects: keys.slice(at, at + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
}

/** Where one test server keeps its blobs, and how to look at them from outside. */
export interface TestBlobStore {
  /** Settings to start the server with (none for the folder). */
  env: Record<string, string>;
  /** Hashes of the stored blobs, sorted. */
  blobHashes(): Promise<string[]>;
  /** Leftovers of puts in flight or failed: temporary files or objects, and open multipart uploads. */
  leftovers(): Promise<string[]>;
  dispose(): Promise<void>;
}

/**
 * The blob store for a test server whose data folder is `dataDir`. On S3 the prefix follows from the
 * folder, so a server restarted on the same folder finds its blobs again.
 */
export async function testBlobStore(dataDir: string): Promise<TestBlobStore> {
  if (s3TestEndpoint === undefined) {
    const root = path.join(dataDir, 'blobs');
    const listed = (dir: string) => readdir(dir).catch(() => [] as string[]);
    return {
      env: {},
      async blobHashes() {
        const shards = (await listed(root)).filter((name) => /^[0-9a-f]{2}$/.test(name));
        return (await Promise.all(shards.map((shard) => listed(path.join(root, shard))))).flat().sort();
      },
      leftovers: () => listed(path.join(root, '.tmp')),
      dispose: async () => undefined,
    };
  }
  const { prefix } = await freshS3Location(
    `t-${createHash('sha256').update(dataDir).digest('hex').slice(0, 32)}/`,
  );
  return {
    env: {
      TRIBUTARY_BLOB_STORE_URL: `s3://${s3TestBucket}/${prefix}`,
      TRIBUTARY_S3_ENDPOINT: s3TestEndpoint,
      TRIBUTARY_S3_FORCE_PATH_STYLE: 'true',
    },
    async blobHashes() {
      return (await keysUnder(`${prefix}blobs/`)).map((key) => key.slice(key.lastIndexOf('/') + 1));
    },
    async leftovers() {
      return [...(await keysUnder(`${prefix}tmp/`)), ...(await openUploadsUnder(`${prefix}tmp/`))];
    },
    dispose: () => emptyPrefix(prefix),
  };
}
