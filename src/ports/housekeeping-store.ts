import type { Viewer } from '../domain/permissions.ts';

/*
 * A space's housekeeping figures, computed by the database (aggregates, never every row in memory): what
 * its attachments hold, which historical versions a prune rule would remove, and who put items in the trash.
 */

/** The attachments of one space, as far as the viewer may see them (every one when absent). */
export interface StorageScope {
  spaceId: number;
  viewer?: Viewer;
}

export interface MediaTypeUsage {
  mediaType: string;
  /** Every version of that type, current or historical. */
  bytes: number;
  versions: number;
}

/** Sizes are the versions' own: bytes shared by identical versions are counted once per version. */
export interface SpaceStorageUsage {
  attachments: number;
  versions: number;
  /** Every version of every attachment, in the trash or not. */
  totalBytes: number;
  /** The current versions. */
  currentBytes: number;
  /** The versions that are not current (what a prune can free). */
  historicalBytes: number;
  historicalVersions: number;
  /** Every version of the attachments in the trash, on their own or with their page. */
  trashedBytes: number;
  /** Largest first. */
  byMediaType: MediaTypeUsage[];
}

/** A current attachment, by the size of its current version. */
export interface LargeAttachment {
  id: number;
  title: string;
  containerId: number | null;
  containerTitle: string | null;
  mediaType: string;
  sizeBytes: number;
  versionNumber: number;
  /** Every version of it together. */
  allVersionsBytes: number;
}

/**
 * Which historical versions go (the CLI's `prune-versions` rule): never the current one; `keepNewest` keeps
 * that many newest versions (the current one counts); `createdBeforeMs` takes versions made before then;
 * with both, a version goes only when both say so. At least one is set.
 */
export interface VersionPruneRule {
  keepNewest?: number | undefined;
  createdBeforeMs?: number | undefined;
}

/** A historical version of a current attachment that the rule takes. */
export interface PrunableVersion {
  attachmentId: number;
  title: string;
  containerId: number | null;
  number: number;
  sizeBytes: number;
  createdAtMs: number;
}

/** Where a walk through the prunable versions stopped: by attachment, then version number. */
export interface VersionPosition {
  attachmentId: number;
  number: number;
}

export interface PruneTotals {
  versions: number;
  bytes: number;
  attachments: number;
}

/** Who moved an item to the trash and when, from the audit log while it keeps the record. */
export interface TrashRecord {
  contentId: number;
  trashedAtMs: number;
  /** The author's name as the audit record kept it; null when the record is gone. */
  trashedBy: string | null;
}

export interface HousekeepingRepository {
  usage(scope: StorageScope): Promise<SpaceStorageUsage>;
  /** The `limit` largest current attachments, largest first. */
  largestAttachments(scope: StorageScope, limit: number): Promise<LargeAttachment[]>;
  /** The next `limit` versions the rule takes after `after`, by attachment id then version number. */
  prunableVersions(
    scope: StorageScope,
    rule: VersionPruneRule,
    after: VersionPosition | undefined,
    limit: number,
  ): Promise<PrunableVersion[]>;
  prunableTotals(scope: StorageScope, rule: VersionPruneRule): Promise<PruneTotals>;
  /** For each of `contentIds`: when it went to the trash, and by whom when the audit log says. */
  trashRecords(contentIds: readonly number[]): Promise<TrashRecord[]>;
}
