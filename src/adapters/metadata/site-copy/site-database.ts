import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';
import { migrateToLatest } from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';

/** One site's database as a site copy sees it: migrated to the latest schema, with its dialect. */
export interface SiteDatabase {
  db: Kysely<Tables>;
  dialect: SqlDialect;
  close(): Promise<void>;
}

/**
 * A plain connection to a SQLite site file, its migrations applied as `serve` would apply them. The
 * server's write path (group commits, background checkpoints) is not needed for a copy that runs alone.
 */
export async function openSqliteSiteDatabase(file: string): Promise<SiteDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * A PostgreSQL site database for a copy, its migrations applied. Values are read back through Number()
 * by the copier, so the driver's text form of bigint does not matter here.
 */
export async function openPostgresSiteDatabase(url: string, poolSize: number): Promise<SiteDatabase> {
  // The driver loads only for a PostgreSQL target, so copying between embedded sites never needs it.
  const { Pool } = (await import('pg')).default;
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: poolSize }) }),
  });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
