import type { Readable } from 'node:stream';

/** A stored blob, addressed by the SHA-256 of its bytes (lowercase hex). */
export interface BlobRef {
  sha256: string;
  sizeBytes: number;
}

/** A blob as the store holds it, for a check that compares the store with the metadata (`fsck`). */
export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
  /** When the bytes were placed (file mtime, S3 LastModified): young blobs may belong to an upload under way. */
  modifiedAtMs: number;
}

/** Inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutBlobOptions {
  /** Crossing this many bytes fails the put with DomainError('too_large') while streaming. */
  maxBytes?: number;
  signal?: AbortSignal;
  /**
   * Called with the hash once the bytes are durable under a temporary name, and awaited before they are
   * placed under it (or found there already). The caller's chance to protect them from a concurrent
   * removal of the same bytes; if it throws, the put fails and leaves nothing behind.
   */
  beforePlacing?: (sha256: string) => Promise<void>;
}

/** The headers the store's answer to a presigned GET carries in place of its own. */
export interface PresignedDownload {
  contentType: string;
  contentDisposition: string;
  cacheControl: string;
  /** How long the URL may be used to start a download. */
  expiresInSeconds: number;
}

/**
 * Content-addressed byte storage. The metadata store decides which blobs are still referenced;
 * a blob store never deletes on its own.
 */
export interface BlobStore {
  /** Prepares the store and removes leftovers of interrupted puts. */
  init(): Promise<void>;
  /**
   * Streams `source` into the store and resolves once the bytes are durable. Identical bytes resolve to
   * the existing blob. A source error, an abort or `maxBytes` leaves nothing behind.
   */
  put(source: AsyncIterable<Uint8Array>, options?: PutBlobOptions): Promise<BlobRef>;
  /** Opens the blob (or the range of it) for reading; DomainError('not_found') when absent. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Size of the blob, or undefined when absent. */
  sizeOf(sha256: string): Promise<number | undefined>;
  /** The blob as `list` shows it (size, when placed), or undefined when absent. */
  describe(sha256: string): Promise<StoredBlob | undefined>;
  /** Removes the blob; removing an absent blob is not an error. */
  remove(sha256: string): Promise<void>;
  /**
   * Every blob stored under its hash, in no promised order, read a page at a time (never the whole store
   * in memory); leftovers of puts under way are not blobs and are not listed.
   */
  list(): AsyncIterable<StoredBlob>;
  /**
   * Moves the blob out of the store's blobs to a quarantine beside them (a folder or key prefix), where an
   * administrator may inspect it; answers where it went. Absent: DomainError('not_found').
   */
  quarantine(sha256: string): Promise<string>;
  /**
   * The blob's file, for a proxy in front of the server to send itself (download offload): its path under
   * the store's folder and its absolute path. Optional: only a store on a local folder has files.
   */
  fileOf?(sha256: string): { relativePath: string; absolutePath: string };
  /**
   * A URL that GETs the blob without credentials, answered with `download`'s headers (download offload
   * `redirect`). Optional: only a store that can presign URLs (S3) has it.
   */
  presignDownload?(sha256: string, download: PresignedDownload): Promise<string>;
  /**
   * Answers once a cheap request shows the store reachable (readiness, `GET /status`); rejects when not.
   * Optional: a store without it is taken as reachable.
   */
  check?(): Promise<void>;
  /**
   * Removes what puts that will never finish left behind (a process killed mid-upload): leftovers older
   * than the store's grace period, which outlasts any live put. Optional: a store whose `init` clears its
   * leftovers and that serves one process needs none.
   */
  sweepStalePuts?(): Promise<void>;
}
