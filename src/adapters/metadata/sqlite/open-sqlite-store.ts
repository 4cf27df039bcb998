import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { MetadataStore } from '../../../ports/metadata-store.ts';
import { migrateToLatest, sqlMetadataStore } from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';

export interface OpenedStore {
  store: MetadataStore;
  appliedMigrations: string[];
}

export async function openSqliteStore(file: string): Promise<OpenedStore> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // FULL: a committed attachment version must survive power loss, as its blob already does.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  try {
    const appliedMigrations = await migrateToLatest(db, 'sqlite');
    return { store: sqlMetadataStore(db, 'sqlite'), appliedMigrations };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
