import type { Kysely, Migration } from 'kysely';

/**
 * Cloud's other content types (folders, whiteboards, databases, Smart Links, custom content) are content
 * rows like pages. Custom content carries the type its app chose, listed by (`GET /custom-content?type=`);
 * a Smart Link carries the URL it shows.
 */
export function contentTypes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('content').addColumn('custom_type', 'text').execute();
      await db.schema.alterTable('content').addColumn('embed_url', 'text').execute();
      await db.schema
        .createIndex('content_custom_type')
        .on('content')
        .columns(['custom_type', 'space_id'])
        .where('custom_type', 'is not', null)
        .execute();
    },
  };
}
