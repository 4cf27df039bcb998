import type Database from 'better-sqlite3';
import type { SiteSnapshots } from '../../../ports/metadata-store.ts';

const schema = 'tributary_snapshot';

interface TableCopy {
  name: string;
  /** The columns to put back; a virtual table's rowid is one of them (its shadow tables are not copied). */
  columns: string[];
  virtual: boolean;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
// `sqlite_sequence` is a name only SQLite may give a table, so every copy is named apart.
const copyOf = (table: TableCopy) => `${schema}.${quoted(`copy_${table.name}`)}`;

/**
 * Test mode's snapshot of an SQLite site: every row of every table copied into an in-memory database
 * attached to the store's own connection, and put back with DELETE + INSERT … SELECT in one transaction
 * of the store (so it queues behind, and commits like, any other write). Copying rows rather than the
 * file keeps the connection, its prepared statements and the write-ahead log as they are; for a small
 * site it takes a few milliseconds (docs/testing.md). The full-text index (FTS5) is put back through its
 * virtual table, which rebuilds its shadow tables. The migrations' own table is left alone.
 */
export function sqliteSiteSnapshots(
  database: Database.Database,
  inTransaction: (work: () => void) => Promise<void>,
  moved: () => void,
): SiteSnapshots {
  let tables: TableCopy[] | undefined;

  const listTables = (): TableCopy[] => {
    const listed = database.prepare(`pragma main.table_list`).all() as { name: string; type: string }[];
    return listed
      .filter(({ name, type }) => (type === 'table' || type === 'virtual') && !name.startsWith('kysely_'))
      .filter(({ name }) => name !== 'sqlite_schema' && name !== 'sqlite_temp_schema')
      .map(({ name, type }) => {
        const columns = (
          database.prepare(`pragma main.table_info(${quoted(name)})`).all() as { name: string }[]
        ).map((column) => column.name);
        return { name, columns, virtual: type === 'virtual' };
      });
  };

  return {
    async take() {
      if (database.inTransaction) throw new Error('a site snapshot is taken with no transaction under way');
      if (!tables) database.exec(`attach database ':memory:' as ${schema}`);
      tables = listTables();
      const copy = database.transaction((all: TableCopy[]) => {
        for (const table of all) {
          const target = copyOf(table);
          const rowid = table.virtual ? 'rowid as snapshot_rowid, ' : '';
          database.exec(`drop table if exists ${target}`);
          database.exec(`create table ${target} as select ${rowid}* from main.${quoted(table.name)}`);
        }
      });
      copy(tables);
      const blobs = database.prepare(`select sha256 from ${schema}.copy_blobs`).pluck().all() as string[];
      return { blobs };
    },
    async restore() {
      const copied = tables;
      if (!copied) throw new Error('no site snapshot has been taken');
      let blobsRecordedSince: string[] = [];
      await inTransaction(() => {
        blobsRecordedSince = (
          database
            .prepare(`select sha256 from main.blobs except select sha256 from ${schema}.copy_blobs`)
            .pluck()
            .all() as string[]
        ).sort();
        // Rows go in any order: foreign keys are checked once, at the commit.
        database.pragma('defer_foreign_keys = on');
        for (const table of copied) database.exec(`delete from main.${quoted(table.name)}`);
        for (const table of copied) {
          const columns = table.columns.map(quoted).join(', ');
          const source = copyOf(table);
          database.exec(
            table.virtual
              ? `insert into main.${quoted(table.name)} (rowid, ${columns}) select snapshot_rowid, ${columns} from ${source}`
              : `insert into main.${quoted(table.name)} (${columns}) select ${columns} from ${source}`,
          );
        }
        // These statements bypass the statement cache that moves the generation on its own.
        moved();
      });
      moved();
      return { blobsRecordedSince };
    },
  };
}
