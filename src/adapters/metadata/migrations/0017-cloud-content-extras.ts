import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Cloud v1's content extras (issue 17): content states (a user's custom states, and the state each
 * content version carries), relations between users, content and spaces (`favourite`, …), and page
 * templates of a space or of the whole site. A state's name and colour are copied onto the version, so a
 * version keeps the state it was published with.
 */
export function cloudContentExtras(dialect: SqlDialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'bigserial';
  return {
    async up(db: Kysely<unknown>) {
      // Ids 0 to 2 belong to the space states every space suggests (domain/content-state.ts), so custom
      // states are numbered from 3 by the repository rather than by the database.
      await db.schema
        .createTable('content_states')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('owner_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('color', 'text', (c) => c.notNull())
        .addColumn('last_used_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('content_states_owner')
        .on('content_states')
        .columns(['owner_id', 'name', 'color'])
        .unique()
        .execute();

      await db.schema
        .createTable('content_version_states')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('version_number', 'integer', (c) => c.notNull())
        .addColumn('state_id', 'bigint')
        .addColumn('name', 'text')
        .addColumn('color', 'text')
        .addColumn('set_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('content_version_states_pk', ['content_id', 'version_number'])
        .execute();

      await db.schema
        .createTable('relations')
        .addColumn('relation_name', 'text', (c) => c.notNull())
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('source_key', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_key', 'text', (c) => c.notNull())
        .addColumn('creator_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('relations_pk', [
          'relation_name',
          'source_type',
          'source_key',
          'target_type',
          'target_key',
        ])
        .execute();
      await db.schema
        .createIndex('relations_target')
        .on('relations')
        .columns(['relation_name', 'target_type', 'target_key', 'source_type'])
        .execute();

      await db.schema
        .createTable('templates')
        .addColumn('id', idColumn, (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('space_id', 'bigint', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('template_type', 'text', (c) => c.notNull())
        .addColumn('body_representation', 'text', (c) => c.notNull())
        .addColumn('body_value', 'text', (c) => c.notNull())
        .addColumn('labels_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('creator_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('templates_space').on('templates').column('space_id').execute();

      // Views counted per content, viewer and UTC day (viewer 0: anonymous), for Cloud's analytics.
      await db.schema
        .createTable('content_views')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('viewer_id', 'bigint', (c) => c.notNull())
        .addColumn('day_ms', 'bigint', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('content_views_pk', ['content_id', 'day_ms', 'viewer_id'])
        .execute();
    },
  };
}
