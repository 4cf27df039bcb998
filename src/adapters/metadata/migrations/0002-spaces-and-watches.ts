import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/** Private spaces, watches, long-running tasks, and the index that title lookups in a space need. */
export function spacesAndWatches(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('spaces')
        .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createIndex('content_space_title')
        .on('content')
        .columns(['space_id', 'type', 'title'])
        .execute();

      await db.schema
        .createTable('watches')
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('content_id', 'bigint', (c) => c.references('content.id').onDelete('cascade'))
        .addColumn('space_id', 'bigint', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('watches_user_content', ['user_id', 'content_id'])
        .addUniqueConstraint('watches_user_space', ['user_id', 'space_id'])
        .execute();

      await db.schema
        .createTable('long_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('percentage_complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('successful', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('finished', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('messages_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('finished_at_ms', 'bigint')
        .execute();
    },
  };
}
