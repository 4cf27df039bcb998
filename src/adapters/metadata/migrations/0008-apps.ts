import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Apps and their access rules (issue 6, seed 004): an app has a name (unique whatever its case), API
 * tokens can belong to one, and an administrator blocks an app from chosen spaces. A removed app's
 * tokens are revoked in the same transaction; the link is then cleared. Blocks go with their app or space.
 */
export function apps(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('apps')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await sql`CREATE UNIQUE INDEX apps_name ON apps (lower(name))`.execute(db);

      await db.schema
        .alterTable('api_tokens')
        .addColumn('app_id', 'bigint', (c) => c.references('apps.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('api_tokens_app').on('api_tokens').column('app_id').execute();

      await db.schema
        .createTable('app_space_blocks')
        .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id').onDelete('cascade'))
        .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('app_space_blocks_pk', ['app_id', 'space_id'])
        .execute();
      await db.schema
        .createIndex('app_space_blocks_space')
        .on('app_space_blocks')
        .column('space_id')
        .execute();
    },
  };
}
