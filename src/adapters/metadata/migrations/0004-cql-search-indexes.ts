import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Indexes CQL search needs on a site of a million items (bench/cql-search.ts, issue 5):
 * - `space = K and lastmodified < …` counts and pages from one covering index range; status and container
 *   are in it so the visibility and trash conditions need no table row;
 * - the statuses filter reads the (few) trashed items once, as a list, to leave out what they contain.
 */
export function cqlSearchIndexes(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('content_space_modified')
        .on('content')
        .columns(['space_id', 'updated_at_ms', 'status', 'container_id'])
        .execute();
      await db.schema.createIndex('content_status').on('content').column('status').execute();
    },
  };
}
