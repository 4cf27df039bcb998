/*
 * What `tributary fsck` asks the metadata store: reads in bounded batches (a live server keeps writing),
 * and the few repairs that lose nothing (the text index is derived from the content).
 */

/** An attachment version's bytes as the metadata records them. */
export interface RecordedBlob {
  contentId: number;
  versionNumber: number;
  sha256: string;
  sizeBytes: number;
}

/** Where a walk through the attachment versions stopped: by content id, then version number. */
export interface RecordedBlobPosition {
  contentId: number;
  versionNumber: number;
}

/** Rows of one kind that point at something missing or disagree with what they copy; a few as examples. */
export interface BrokenReferences {
  /** A stable name, e.g. `space-homepage`: the reference checked (docs/fsck.md lists them). */
  reference: string;
  count: number;
  examples: string[];
}

/** A content version the audit log should mention but does not. */
export interface UnauditedVersion {
  contentId: number;
  versionNumber: number;
  createdAtMs: number;
}

export interface SiteCheckRepository {
  /** The next `limit` attachment versions with bytes after `after`, by content id then version number. */
  recordedBlobs(after: RecordedBlobPosition | undefined, limit: number): Promise<RecordedBlob[]>;
  /** Of `sha256s`, those some content version uses. */
  referencedBlobs(sha256s: readonly string[]): Promise<string[]>;
  /** Of `sha256s`, those an upload of any process has pinned (shared pins) at `nowMs`. */
  pinnedBlobs(sha256s: readonly string[], nowMs: number): Promise<string[]>;
  /** Each reference the schema's foreign keys do not enforce, with what breaks it (none: an empty list). */
  brokenReferences(examplesPerReference: number): Promise<BrokenReferences[]>;
  /** The next `limit` content ids after `afterId`, ascending, that the text index should hold. */
  indexedContentIds(afterId: number, limit: number): Promise<number[]>;
  /** Of `contentIds`, those whose text index row is missing or differs from their current version. */
  textIndexMismatches(contentIds: readonly number[]): Promise<number[]>;
  /** The next `limit` ids after `afterId`, ascending, the text index holds rows for that no content has. */
  textIndexStrays(afterId: number, limit: number): Promise<number[]>;
  /** Writes the item's text index row afresh from its current version and labels (or removes it). */
  reindex(contentId: number): Promise<void>;
  /**
   * Of the `sampleSize` newest versions created since `sinceMs`, those with no audit record about their
   * content (or, for a space's first page, about its space) written with them.
   */
  unauditedVersions(
    sampleSize: number,
    sinceMs: number,
  ): Promise<{ sampled: number; missing: UnauditedVersion[] }>;
}
