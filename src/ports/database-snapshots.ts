import type { BlobRef } from './blob-store.ts';

/** What a snapshot of a site's database records: its blobs (by hash, sorted) and each table's rows. */
export interface SnapshotContents {
  blobs: BlobRef[];
  tableRows: Record<string, number>;
}

/**
 * Consistent copies of a site's database taken while servers write to it (`tributary site-backup`):
 * each is one committed state of the site, as a single file.
 */
export interface DatabaseSnapshots {
  /** Copies the live database into `toFile` (absent before), reporting pages copied of the total. */
  take(toFile: string, onPages: (copied: number, total: number) => void): Promise<void>;
  /** What the snapshot file at `file` records. */
  read(file: string): Promise<SnapshotContents>;
}
