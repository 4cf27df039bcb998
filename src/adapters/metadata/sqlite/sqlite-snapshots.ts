/**
 * Snapshots of a SQLite site database taken while a server writes to it (`tributary site-backup`), and
 * what a snapshot file records. SQLite's online backup API copies the pages of one read transaction, so
 * the copy is a committed state of the site: every version it lists and the blob rows they reference.
 */
import Database from 'better-sqlite3';
import type { DatabaseSnapshots, SnapshotContents } from '../../../ports/database-snapshots.ts';

/** Snapshots of the SQLite site database at `liveFile`. */
export function sqliteSnapshots(liveFile: string): DatabaseSnapshots {
  return {
    take: (toFile, onPages) => snapshotSqliteDatabase(liveFile, toFile, onPages),
    read: async (file) => readSqliteSnapshot(file),
  };
}

/**
 * Copies the live database at `liveFile` into `toFile` (which must not exist), reporting pages copied.
 * A write by the server between two steps of the backup restarts it (sqlite3_backup_step); after a
 * first small step every later step asks for all remaining pages, so a copy is one read transaction and a
 * busy site does not restart it for ever.
 */
export async function snapshotSqliteDatabase(
  liveFile: string,
  toFile: string,
  onPages: (copied: number, total: number) => void,
): Promise<void> {
  // A connection of its own: the server's connection is in another process. No migrations, no pragmas
  // that write: this connection only reads.
  const live = new Database(liveFile, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(toFile, {
      progress({ totalPages, remainingPages }) {
        onPages(totalPages - remainingPages, totalPages);
        return Math.max(remainingPages, 100);
      },
    });
  } finally {
    live.close();
  }
  // The snapshot is a self-contained file: a rollback journal, not the live site's write-ahead log.
  const snapshot = new Database(toFile);
  try {
    snapshot.pragma('journal_mode = DELETE');
  } finally {
    snapshot.close();
  }
}

export function readSqliteSnapshot(file: string): SnapshotContents {
  const snapshot = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const blobs = snapshot
      .prepare<[], { sha256: string; size_bytes: number }>(
        'SELECT sha256, size_bytes FROM blobs ORDER BY sha256',
      )
      .all()
      .map((row) => ({ sha256: row.sha256, sizeBytes: Number(row.size_bytes) }));
    const tables = snapshot
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    const tableRows: Record<string, number> = {};
    for (const { name } of tables) {
      const row = snapshot
        .prepare<[], { rows: number }>(`SELECT count(*) AS rows FROM "${name.replaceAll('"', '""')}"`)
        .get();
      tableRows[name] = Number(row?.rows ?? 0);
    }
    return { blobs, tableRows };
  } finally {
    snapshot.close();
  }
}
