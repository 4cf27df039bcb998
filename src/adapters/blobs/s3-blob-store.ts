import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStoreLocation } from '../../config/config.ts';
import { fileTooLarge } from '../../domain/errors.ts';
import type {
  BlobRef,
  BlobStore,
  ByteRange,
  PresignedDownload,
  PutBlobOptions,
  StoredBlob,
} from '../../ports/blob-store.ts';
import { asStorageFailure } from '../storage-failures.ts';
import {
  blobNotFound,
  checkRange,
  nextUnlessAborted,
  SHA256_HEX,
  throwIfAborted,
} from './blob-store-rules.ts';
import { S3BlobStoreUnavailable } from './blob-store-unavailable.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Where the blobs are, as configured, and tuning that tests and benchmarks may change. */
export type S3BlobStoreOptions = Omit<Extract<BlobStoreLocation, { kind: 's3' }>, 'kind'> & {
  /** Leftovers younger than this may belong to a put still running on another node; init leaves them. */
  staleAfterMs?: number;
  /** Multipart part size and parts in flight per put; see docs/benchmarks.md for how they were chosen. */
  partBytes?: number;
  queueSize?: number;
  /** Largest object one CopyObject may copy (S3 allows 5 GiB); above it the copy goes in parts. */
  singleCopyLimitBytes?: number;
  copyPartBytes?: number;
};

/**
 * Blobs as objects at `<prefix>blobs/<ab>/<sha256>`. A put streams into `<prefix>tmp/<uuid>` as a multipart
 * upload while hashing, then copies server-side to its content key, so a content key only ever holds
 * complete bytes. Failed puts abort their multipart upload and remove the temporary object.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #staleAfterMs: number;
  readonly #partBytes: number;
  readonly #queueSize: number;
  readonly #singleCopyLimitBytes: number;
  readonly #copyPartBytes: number;

  constructor(options: S3BlobStoreOptions) {
    this.#bucket = options.bucket;
    this.#prefix = options.prefix;
    this.#staleAfterMs = options.staleAfterMs ?? 60 * 60 * 1000;
    this.#partBytes = options.partBytes ?? 16 * MiB;
    this.#queueSize = options.queueSize ?? 4;
    this.#singleCopyLimitBytes = options.singleCopyLimitBytes ?? 5 * GiB;
    this.#copyPartBytes = options.copyPartBytes ?? 512 * MiB;
    const checksums = options.checksums === 'when_supported' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
    this.#client = new S3Client({
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
      // An endpoint that never answers should fail start-up in seconds, not hang it.
      requestHandler: { connectionTimeout: 5000 },
    });
  }

  /** The temporary keys of puts in flight or left behind: what tests and the sweep look at. */
  get tmpPrefix(): string {
    return `${this.#prefix}tmp/`;
  }

  async init(): Promise<void> {
    await this.#checkBucket();
    await this.sweepStalePuts();
  }

  async sweepStalePuts(): Promise<void> {
    await this.sweep(Date.now() - this.#staleAfterMs);
  }

  /** Readiness: the bucket answers with these credentials. */
  async check(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
  }

  /** Aborts multipart uploads and removes temporary objects under the prefix started before `beforeMs`. */
  async sweep(beforeMs: number): Promise<void> {
    for (const upload of await this.#uploadsUnder(this.tmpPrefix)) {
      if ((upload.Initiated?.getTime() ?? 0) < beforeMs) await this.#abortUpload(upload.Key, upload.UploadId);
    }

    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.tmpPrefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined || (object.LastModified?.getTime() ?? 0) >= beforeMs) continue;
        await this.#deleteKey(object.Key);
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutBlobOptions = {}): Promise<BlobRef> {
    const { maxBytes, signal, beforePlacing } = options;
    throwIfAborted(signal);
    const tmpKey = `${this.tmpPrefix}${randomUUID()}`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    // The SDK wraps a failing body in errors of its own; the caller is owed the source's own failure.
    let sourceFailure: { error: unknown } | undefined;
    async function* hashed(): AsyncGenerator<Uint8Array> {
      const iterator = source[Symbol.asyncIterator]();
      let done = false;
      try {
        while (true) {
          const next = await nextUnlessAborted(iterator, signal);
          if (next.done === true) {
            done = true;
            return;
          }
          sizeBytes += next.value.byteLength;
          if (maxBytes !== undefined && sizeBytes > maxBytes) throw fileTooLarge(maxBytes);
          hash.update(next.value);
          yield next.value;
        }
      } catch (error) {
        sourceFailure = { error };
        throw error;
      } finally {
        // Tell the source to stop; not awaited, since a stalled source would hold the rejection hostage.
        if (!done) Promise.resolve(iterator.return?.()).catch(() => undefined);
      }
    }
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: tmpKey, Body: Readable.from(hashed(), { objectMode: false }) },
      partSize: this.#partBytes,
      queueSize: this.#queueSize,
    });
    try {
      try {
        await upload.done();
      } catch (error) {
        throw sourceFailure?.error ?? error;
      }
      throwIfAborted(signal);
      const sha256 = hash.digest('hex');
      await beforePlacing?.(sha256);
      const finalKey = this.#keyOf(sha256);
      // Same hash, same bytes: an object already there makes this copy redundant. Concurrent puts of the
      // same bytes may both copy; each copy replaces the object atomically with identical bytes.
      if ((await this.#sizeAt(finalKey)) === undefined) await this.#copy(tmpKey, finalKey, sizeBytes);
      return { sha256, sizeBytes };
    } catch (error) {
      // lib-storage aborts its multipart upload when a part or the body fails, but its own abort request
      // may fail too; what it leaves is aborted here, or by a later sweep.
      await this.#abortUploadsOf(tmpKey).catch(() => undefined);
      throw asStorageFailure(error, 'blobs');
    } finally {
      // A temporary object that outlives a failed delete is swept at a later start.
      await this.#deleteKey(tmpKey).catch(() => undefined);
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    const key = this.#keyOf(sha256);
    if (range !== undefined && !isRange(range)) {
      const size = await this.#sizeAt(key);
      if (size === undefined) throw blobNotFound(sha256);
      checkRange(sha256, range, size);
    }
    try {
      const answer = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      const body = answer.Body as Readable;
      // S3 shortens a range that runs past the end; the port refuses it instead.
      const total = /\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1];
      if (range !== undefined && total !== undefined && range.end >= Number(total)) {
        body.destroy();
        checkRange(sha256, range, Number(total));
      }
      return body;
    } catch (error) {
      if (statusOf(error) === 404) throw blobNotFound(sha256);
      if (statusOf(error) === 416 && range !== undefined) {
        const size = await this.#sizeAt(key);
        if (size === undefined) throw blobNotFound(sha256);
        checkRange(sha256, range, size);
      }
      throw error;
    }
  }

  async sizeOf(sha256: string): Promise<number | undefined> {
    return SHA256_HEX.test(sha256) ? this.#sizeAt(this.#keyOf(sha256)) : undefined;
  }

  async describe(sha256: string): Promise<StoredBlob | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const head = await this.#headOf(this.#keyOf(sha256));
    return (
      head && { sha256, sizeBytes: head.ContentLength ?? 0, modifiedAtMs: head.LastModified?.getTime() ?? 0 }
    );
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256_HEX.test(sha256)) await this.#deleteKey(this.#keyOf(sha256));
  }

  /** A listing page (up to 1,000 keys) at a time under `<prefix>blobs/`. */
  async *list(): AsyncIterable<StoredBlob> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: `${this.#prefix}blobs/`,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const sha256 = object.Key?.slice(object.Key.lastIndexOf('/') + 1) ?? '';
        if (!SHA256_HEX.test(sha256)) continue;
        yield {
          sha256,
          sizeBytes: object.Size ?? 0,
          modifiedAtMs: object.LastModified?.getTime() ?? 0,
        };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** Copied server-side to `<prefix>quarantine/`, then removed from its content key. */
  async quarantine(sha256: string): Promise<string> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    const key = this.#keyOf(sha256);
    const size = await this.#sizeAt(key);
    if (size === undefined) throw blobNotFound(sha256);
    const target = `${this.#prefix}quarantine/${sha256}.${Date.now()}`;
    await this.#copy(key, target, size);
    await this.#deleteKey(key);
    return `s3://${this.#bucket}/${target}`;
  }

  /** Lets go of the client's sockets. */
  close(): void {
    this.#client.destroy();
  }

  /**
   * A query-signed GET (SigV4) of the blob's object; S3 answers it with the `response-*` overrides as its
   * headers, which are signed too, so the client cannot change them.
   */
  async presignDownload(sha256: string, download: PresignedDownload): Promise<string> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    // The SDK's own presigner, with the client's endpoint, addressing style, region and credentials; the
    // response-* overrides make S3 answer with the headers Tributary would have sent.
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: this.#keyOf(sha256),
      ResponseContentType: download.contentType,
      ResponseContentDisposition: download.contentDisposition,
      ResponseCacheControl: download.cacheControl,
    });
    return getSignedUrl(this.#client, command, { expiresIn: download.expiresInSeconds });
  }

  #keyOf(sha256: string): string {
    return `${this.#prefix}blobs/${sha256.slice(0, 2)}/${sha256}`;
  }

  async #checkBucket(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (error) {
      const status = statusOf(error);
      const name = error instanceof Error ? error.name : String(error);
      // A HEAD answer has no body, so the SDK cannot name the error; the status says enough.
      const reason = status === undefined ? name : `HTTP ${status}`;
      if (status === 404) throw new S3BlobStoreUnavailable('bucket', `bucket ${this.#bucket} does not exist`);
      if (name === 'CredentialsProviderError') {
        throw new S3BlobStoreUnavailable(
          'credentials',
          'found no AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile or an instance role)',
        );
      }
      // 400 is how some stores answer a signature for another region.
      if (status === 403 || status === 400) {
        throw new S3BlobStoreUnavailable(
          'credentials',
          `bucket ${this.#bucket} refused the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile or role) or TRIBUTARY_S3_REGION: ${reason}`,
        );
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new S3BlobStoreUnavailable('endpoint', `cannot reach the object store: ${detail || name}`);
    }
  }

  async #sizeAt(key: string): Promise<number | undefined> {
    const head = await this.#headOf(key);
    return head && (head.ContentLength ?? 0);
  }

  async #headOf(key: string): Promise<HeadObjectCommandOutput | undefined> {
    try {
      return await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async #copy(fromKey: string, toKey: string, sizeBytes: number): Promise<void> {
    const copySource = encodeURI(`${this.#bucket}/${fromKey}`);
    if (sizeBytes <= this.#singleCopyLimitBytes) {
      await this.#client.send(
        new CopyObjectCommand({ Bucket: this.#bucket, Key: toKey, CopySource: copySource }),
      );
      return;
    }
    const { UploadId } = await this.#client.send(
      new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: toKey }),
    );
    if (UploadId === undefined) throw new Error('CreateMultipartUpload answered without an UploadId');
    try {
      const parts: { PartNumber: number; ETag: string | undefined }[] = [];
      for (let start = 0, part = 1; start < sizeBytes; start += this.#copyPartBytes, part += 1) {
        const end = Math.min(start + this.#copyPartBytes, sizeBytes) - 1;
        const answer = await this.#client.send(
          new UploadPartCopyCommand({
            Bucket: this.#bucket,
            Key: toKey,
            UploadId,
            PartNumber: part,
            CopySource: copySource,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ PartNumber: part, ETag: answer.CopyPartResult?.ETag });
      }
      await this.#client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.#bucket,
          Key: toKey,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await this.#abortUpload(toKey, UploadId).catch(() => undefined);
      throw error;
    }
  }

  async #uploadsUnder(prefix: string): Promise<{ Key: string; UploadId: string; Initiated?: Date }[]> {
    const found: { Key: string; UploadId: string; Initiated?: Date }[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.#client.send(
        new ListMultipartUploadsCommand({
          Bucket: this.#bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      for (const { Key, UploadId, Initiated } of page.Uploads ?? []) {
        if (Key !== undefined && UploadId !== undefined) found.push({ Key, UploadId, Initiated });
      }
      keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.NextUploadIdMarker;
    } while (keyMarker !== undefined);
    return found;
  }

  async #abortUploadsOf(key: string): Promise<void> {
    for (const upload of await this.#uploadsUnder(key)) {
      if (upload.Key === key) await this.#abortUpload(key, upload.UploadId);
    }
  }

  async #abortUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.#client.send(
        new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: key, UploadId: uploadId }),
      );
    } catch (error) {
      // Already completed or aborted (lib-storage aborts its own on failure).
      if (statusOf(error) !== 404) throw error;
    }
  }

  async #deleteKey(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }
}

function isRange({ start, end }: ByteRange): boolean {
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}
