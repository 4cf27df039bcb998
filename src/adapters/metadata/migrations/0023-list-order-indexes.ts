import { type Kysely, type Migration, sql } from 'kysely';

/**
 * An index for every order a list offers (v2 `sort`, v1's fixed orders), each starting with the columns
 * that list compares for equality and ending with the id that breaks ties, so the first page reads only
 * the rows it returns instead of sorting every matching row (list-query-plans.test.ts holds them to it).
 * SQLite ends every index with the rowid anyway; PostgreSQL needs the id spelled out to order ties.
 */
const contentIndexes: [string, string[]][] = [
  // Attachments and comments of a page (the container). Without the status: v2 lists `current` and
  // `archived` by default, and an IN of two statuses ahead of the order's column would split the index
  // into two runs that must be merged by a sort; the status is checked row by row instead. (0022's
  // indexes, with the status, serve the attachments screen, which shows current ones alone.)
  // v1 pages by id with OFFSET: the status and the space (the view rule's) after the id make the skipped
  // entries checkable from the index alone, without reading their rows.
  ['content_container_id', ['container_id', 'type', 'id', 'status', 'space_id']],
  ['content_container_created', ['container_id', 'type', 'created_at_ms', 'id']],
  ['content_container_updated', ['container_id', 'type', 'updated_at_ms', 'id']],
  // Child pages.
  ['content_parent_created', ['parent_id', 'type', 'created_at_ms', 'id']],
  ['content_parent_modified', ['parent_id', 'type', 'updated_at_ms', 'id']],
  ['content_parent_title', ['parent_id', 'type', 'title', 'id']],
  // Pages, blog posts and attachments of every space (those of one space have 0002–0004's).
  ['content_type_id', ['type', 'id']],
  ['content_type_created', ['type', 'created_at_ms', 'id']],
  ['content_type_title', ['type', 'title', 'id']],
  // Custom content of one type.
  ['content_custom_created', ['custom_type', 'created_at_ms', 'id']],
  ['content_custom_modified', ['custom_type', 'updated_at_ms', 'id']],
  ['content_custom_title', ['custom_type', 'title', 'id']],
];

export function listOrderIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [name, columns] of contentIndexes) {
        await db.schema.createIndex(name).on('content').columns(columns).execute();
      }
      // v1 lists children by sibling position, those never placed last (`position IS NULL` sorts them
      // after, alike in both databases), then by id: child pages under their parent, top-level comments
      // (no parent) in their container.
      await sql`CREATE INDEX content_parent_position
        ON content (parent_id, type, status, (position IS NULL), position, id)`.execute(db);
      await sql`CREATE INDEX content_container_position
        ON content (container_id, type, status, parent_id, (position IS NULL), position, id)`.execute(db);
      await db.schema.createIndex('spaces_name').on('spaces').columns(['name', 'id']).execute();
      await db.schema.createIndex('labels_name').on('labels').columns(['name', 'id']).execute();
    },
  };
}
