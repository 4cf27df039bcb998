import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Labels on spaces (Data Center's space categories are its `team` labels; Cloud v1 lists any prefix),
 * watches on labels (Cloud v1 `/user/watch/label`), and each space's settings (Cloud v1
 * `/space/{key}/settings` and the content-state settings), one row once something is set.
 */
export function spaceLabelsAndSettings(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('space_labels')
        .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('label_id', 'bigint', (c) => c.notNull().references('labels.id').onDelete('cascade'))
        .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('space_labels_pk', ['space_id', 'label_id'])
        .execute();
      await db.schema.createIndex('space_labels_label').on('space_labels').column('label_id').execute();

      await db.schema
        .alterTable('watches')
        .addColumn('label_id', 'bigint', (c) => c.references('labels.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('watches_user_label')
        .on('watches')
        .columns(['user_id', 'label_id'])
        .unique()
        .execute();

      await db.schema
        .createTable('space_settings')
        .addColumn('space_id', 'bigint', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
        .addColumn('route_override_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('content_mode', 'text')
        .addColumn('content_states_allowed', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('custom_content_states_allowed', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('space_content_states_allowed', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
