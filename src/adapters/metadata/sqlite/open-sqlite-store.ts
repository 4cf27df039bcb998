import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Driver, Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { RestrictionOperation } from '../../../domain/permissions.ts';
import type { ContentSearch } from '../../../ports/content-search.ts';
import type { MetadataStore } from '../../../ports/metadata-store.ts';
import { explainIoFailure } from '../../storage-failures.ts';
import { sqlContentSearch } from '../sql/cql/sql-content-search.ts';
import {
  migrateToLatest,
  requireMigrated,
  SiteNotReadyError,
  sqlMetadataStore,
} from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';
import { BackgroundCheckpoints } from './background-checkpoints.ts';
import { sqliteSiteSnapshots } from './site-snapshots.ts';
import { WalSync } from './wal-sync.ts';
import {
  contentRowTables,
  keptWhileStill,
  OtherWriters,
  permissionTables,
  WriteGeneration,
} from './write-generation.ts';

export interface OpenedStore {
  store: MetadataStore;
  /** CQL runs over the same connection as the store, so it sees every committed change. */
  contentSearch: ContentSearch;
  appliedMigrations: string[];
}

/** Content rows with a longer body are not kept (10,000 of them could hold gigabytes). */
const keptBodyLength = 16 * 1024;

// Distinct SQL texts are few (queries are built from fixed shapes with bound values); the cap only guards
// against a pathological caller.
const statementCacheSize = 2000;

/**
 * Kysely prepares every statement anew, which costs more than running most of ours. better-sqlite3
 * statements are reusable, and Kysely runs one query at a time on this connection, so caching by SQL text
 * is safe and makes the hot paths (uploads, listings) markedly cheaper.
 */
function withStatementCache(database: Database.Database, generations: WriteGeneration[]): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    // Kysely runs what it prepares at once (synchronously), so this is just before the statement runs.
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= statementCacheSize) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      for (const generation of generations) generation.beforeStatement(statement, sql);
      return statement;
    },
  };
}

/**
 * SQLite rolls a transaction back by itself when it cannot write it (SQLITE_FULL: the disk is full and
 * the write-ahead log cannot grow; some I/O errors). Kysely then rolls back too, which fails with "no
 * transaction is active" and hides the reason; with nothing left to undo, the rollback is skipped.
 */
class SqliteDialectAfterAutomaticRollback extends SqliteDialect {
  readonly #database: Database.Database;

  constructor(database: Database.Database, generations: WriteGeneration[]) {
    super({ database: withStatementCache(database, generations) });
    this.#database = database;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.#database.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/**
 * `live`: a server uses the database meanwhile (`fsck`), so it is neither created nor migrated; a schema
 * that is missing or behind throws SiteNotReadyError.
 */
export async function openSqliteStore(
  file: string,
  { live }: { live: boolean } = { live: false },
): Promise<OpenedStore> {
  if (live && !fs.existsSync(file)) throw new SiteNotReadyError(`there is no database at ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // A committed attachment version must survive power loss, as its blob already does. NORMAL leaves the
  // sync of the log out of the commit, so the event loop never waits on the disk; WalSync does it from
  // the thread pool before any transaction's caller hears that it committed.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  const otherWriters = new OtherWriters(database);
  const generation = new WriteGeneration(otherWriters, permissionTables);
  const contentGeneration = new WriteGeneration(otherWriters, contentRowTables);
  // The restrictions above an item change with the restrictions and their subjects, and with the tree
  // (a move, a new parent): every write to content moves it.
  const chainGeneration = new WriteGeneration(otherWriters, [...permissionTables, 'content']);
  const generations = [generation, contentGeneration, chainGeneration];
  const db = new Kysely<Tables>({ dialect: new SqliteDialectAfterAutomaticRollback(database, generations) });
  try {
    const appliedMigrations = live
      ? await requireMigrated(db, 'sqlite').then(() => [])
      : await migrateToLatest(db, 'sqlite');
    const wal = new WalSync(file);
    // Units of a group commit run in savepoints, and past 64 KiB a savepoint's journal became a new file
    // in /var/tmp for every such commit (created, unlinked, written page by page); in memory it is the
    // pages the batch changed. Sorts and temporary tables stay in memory too: ours sort a page of results
    // (LIMIT keeps only the page), small tables (apps, permissions) or nothing (they walk an index). Set
    // after the migrations, whose index builds sort whole tables.
    database.pragma('temp_store = MEMORY');
    database.pragma('wal_autocheckpoint = 0');
    const checkpoints = new BackgroundCheckpoints(file, {
      // SQLite's own default.
      fallBack: () => database.pragma('wal_autocheckpoint = 1000'),
    });
    const store = sqlMetadataStore(
      db,
      'sqlite',
      () => {
        checkpoints.committed();
        return wal.sync();
      },
      // SQLite reports a write the kernel refused as a bare "disk I/O error": its folder says why.
      (error) => explainIoFailure(error, path.dirname(file), 'database'),
    );
    const close = async () => {
      await wal.close();
      await checkpoints.close();
      await store.close();
    };
    // One process owns the connection, and other writers show in `data_version`: answers about
    // principals may be kept across requests while the generation stands still.
    const permissionGeneration = () => generation.current();
    // Every read shows its authors and space; they change rarely, and only through their own tables.
    const users = { ...store.users, findById: keptWhileStill(generation, store.users.findById) };
    const spaces = { ...store.spaces, findById: keptWhileStill(generation, store.spaces.findById) };
    // The content a request asks for, and an attachment's container, are read on nearly every request
    // (the largest cost left on a metadata GET, docs/performance.md); a page's long body is read anew.
    const content = {
      ...store.content,
      findById: keptWhileStill(
        contentGeneration,
        store.content.findById,
        (row) => (row.version.body?.value.length ?? 0) <= keptBodyLength,
      ),
    };
    // The one question left on a metadata read once the rest is kept: the restrictions above the item.
    const chainsOf = (operation: RestrictionOperation) =>
      keptWhileStill(chainGeneration, (contentId: number) =>
        store.permissions.restrictionsAbove(contentId, operation),
      );
    const keptChains = { read: chainsOf('read'), update: chainsOf('update') };
    const permissions = {
      ...store.permissions,
      // A chain is always an array, if an empty one.
      restrictionsAbove: async (contentId: number, operation: RestrictionOperation) =>
        (await keptChains[operation](contentId)) ?? [],
    };
    const snapshots = sqliteSiteSnapshots(
      database,
      (work) => store.transaction(async () => work()),
      () => {
        for (const moved of generations) moved.moved();
      },
    );
    return {
      store: { ...store, users, spaces, content, permissions, close, permissionGeneration, snapshots },
      contentSearch: sqlContentSearch(db, 'sqlite'),
      appliedMigrations,
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
