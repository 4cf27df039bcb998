import { randomUUID } from 'node:crypto';
import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * The site's own identity, made once: Cloud's `settings/systemInfo` answers it as `cloudId`, which clients
 * keep to tell one site from another, so it must survive restarts and never change.
 */
export function siteIdentity(dialect: SqlDialect): Migration {
  // SQLite's integer holds 64 bits; PostgreSQL's holds 32, too few for a time in milliseconds.
  const msType = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('site_identity')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', msType, (c) => c.notNull())
        .execute();
      await sql`INSERT INTO site_identity (id, site_id, created_at_ms) VALUES (1, ${randomUUID()}, ${Date.now()})`.execute(
        db,
      );
    },
  };
}
