import { type Kysely, type Migration, sql } from 'kysely';

/**
 * How the site and each space look (Data Center colour schemes, Cloud look and feel and themes): one JSON
 * document per scope and setting, the site's with no space. A space's settings go with it.
 */
export function appearance(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('appearance_settings')
        .addColumn('space_id', 'bigint', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      // One row per scope and name; the site's scope has no space, and NULLs are never equal in a key.
      await sql`CREATE UNIQUE INDEX appearance_settings_scope ON appearance_settings (coalesce(space_id, 0), name)`.execute(
        db,
      );
    },
  };
}
