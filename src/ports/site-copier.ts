import type { BlobRef } from './blob-store.ts';

/** What the target database holds before a site is copied into it. */
export type CopyTarget =
  /** Nothing but what its migrations made: a new database. */
  | { kind: 'empty' }
  /** A copy of this source began (and maybe finished) here: it continues where it stopped. */
  | { kind: 'same-source'; complete: boolean }
  /** Another site's data, or a copy of another source. */
  | { kind: 'other'; description: string };

export interface TableRows {
  table: string;
  rows: number;
}

export interface TableCount {
  table: string;
  sourceRows: number;
  targetRows: number;
}

/**
 * Copies one site's metadata into another database, table by table, resumably: what is copied is
 * recorded in the target with the rows, so an interrupted copy continues where it stopped.
 */
export interface SiteCopier {
  target(): Promise<CopyTarget>;
  /** Empties the target's tables and records that it now receives this source. */
  begin(): Promise<void>;
  /** The source's tables in the order they are copied (referenced before referencing), with their rows. */
  tables(): Promise<TableRows[]>;
  /** Copies the rows of `table` not yet copied, reporting each batch; resolves to how many it copied. */
  copyTable(table: string, onRows: (rows: number) => void): Promise<number>;
  /** Fills in references to rows copied later than the row itself, and lets new rows take fresh ids. */
  finishTables(): Promise<void>;
  /** Builds the target's full-text index from its content, reporting each item. */
  rebuildTextIndex(onItem: () => void): Promise<void>;
  countRows(): Promise<TableCount[]>;
  /** How many blobs the source's metadata records, and their bytes. */
  blobTotals(): Promise<{ items: number; bytes: number }>;
  /** Every blob the source's metadata records, in a stable order. */
  blobs(): AsyncIterable<BlobRef>;
  /** Records that the copy finished and verified; a later run of the same copy only verifies. */
  markComplete(): Promise<void>;
  close(): Promise<void>;
}
