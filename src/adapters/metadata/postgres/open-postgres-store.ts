import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { sqlContentSearch } from '../sql/cql/sql-content-search.ts';
import { migrateToLatest, requireMigrated, sqlMetadataStore } from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';
import type { OpenedStore } from '../sqlite/open-sqlite-store.ts';

const int8Oid = 20;
const numericOid = 1700;
// Any fixed number, the same on every server of a site: the one that holds it applies the migrations.
const migrationLockKey = 7_319_020_190;

/**
 * Counts and ids are bigint and sums numeric, which pg hands over as strings; ours stay far below 2^53,
 * so they are read as numbers, as SQLite gives them. Set on this pool only, not on pg's global types.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid || oid === numericOid) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Raised when the database cannot be reached or refuses us; the message names no password. */
export class DatabaseUnavailableError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Several servers may start at once against a new database: the first applies the migrations while the
 * others wait on the lock, then find nothing left to do. The lock is a session lock on a connection of
 * its own, so it covers Kysely's creation of its migration tables too.
 */
async function migrateUnderLock(url: string, db: Kysely<Tables>): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await migrateToLatest(db, 'postgres');
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    await client.end();
  }
}

/** Why a first connection failed, without the URL (it may hold the password). */
function describeConnectionFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message} (${code})` : message;
}

/** `live`: servers use the database meanwhile (`fsck`), so it is not migrated; see openSqliteStore. */
export async function openPostgresStore(
  url: string,
  poolSize: number,
  { live }: { live: boolean } = { live: false },
): Promise<OpenedStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(describeConnectionFailure(error));
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    const appliedMigrations = live
      ? await requireMigrated(db, 'postgres').then(() => [])
      : await migrateUnderLock(url, db);
    const store = sqlMetadataStore(db, 'postgres');
    return { store, contentSearch: sqlContentSearch(db, 'postgres'), appliedMigrations };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
