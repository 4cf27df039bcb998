import type { Kysely, Migration } from 'kysely';

/**
 * A property version's message and minor-edit flag, as clients send them with an update (`version.message`,
 * `version.minorEdit`) and read them back. Existing versions get Confluence's defaults.
 */
export function propertyVersionNotes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('properties')
        .addColumn('version_message', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('properties')
        .addColumn('version_minor_edit', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
