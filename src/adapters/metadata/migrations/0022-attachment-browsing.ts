import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The attachments screen sorts one page's attachments by size, media type and author, which live on the
 * current version; a sort across the join would sort every row of a page with 100,000 attachments. So
 * the current version's size, media type and author are copied onto the content row (written with every
 * version, never NULL so both databases order and compare them alike: 0 and '' mean none), and each sort
 * has an index that starts with the page: the first screen of any order reads only the rows it shows.
 */
export function attachmentBrowsing(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('content')
        .addColumn('current_size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('content')
        .addColumn('current_media_type', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('content')
        .addColumn('current_author_id', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`
        UPDATE content SET
          current_size_bytes = COALESCE((SELECT v.size_bytes FROM content_versions v
            WHERE v.content_id = content.id AND v.number = content.current_version), 0),
          current_media_type = COALESCE((SELECT v.media_type FROM content_versions v
            WHERE v.content_id = content.id AND v.number = content.current_version), ''),
          current_author_id = COALESCE((SELECT v.author_id FROM content_versions v
            WHERE v.content_id = content.id AND v.number = content.current_version), 0)
        WHERE type = 'attachment'`.execute(db);
      // content_container (0001) ends at the title: PostgreSQL would sort the ties by id without it.
      for (const [name, column] of [
        ['content_container_title', 'title'],
        ['content_container_size', 'current_size_bytes'],
        ['content_container_media_type', 'current_media_type'],
        ['content_container_author', 'current_author_id'],
        ['content_container_modified', 'updated_at_ms'],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('content')
          .columns(['container_id', 'type', 'status', column, 'id'])
          .execute();
      }
    },
  };
}
