import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Issue 17, people and groups: groups inside groups (a member of the child is a member of the parent
 * wherever permissions are decided), the global permissions unlicensed users hold, properties stored
 * against a user (Cloud v1) and against an app (Cloud v2's Forge app properties), and admin keys: a site
 * administrator's time-limited elevation (Cloud v2 `/admin-key`). Rows go with their user, group or app.
 */
export function identityExtras(dialect: SqlDialect): Migration {
  const id = dialect === 'sqlite' ? 'integer' : 'bigserial';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('group_nestings')
        .addColumn('parent_group_id', 'bigint', (c) =>
          c.notNull().references('groups.id').onDelete('cascade'),
        )
        .addColumn('child_group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_nestings_pk', ['parent_group_id', 'child_group_id'])
        .execute();
      await db.schema
        .createIndex('group_nestings_child')
        .on('group_nestings')
        .column('child_group_id')
        .execute();

      await db.schema
        .createTable('unlicensed_permissions')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('unlicensed_permissions_pk', ['target_type', 'operation'])
        .execute();

      await db.schema
        .createTable('user_properties')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('property_key', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('user_properties_key')
        .on('user_properties')
        .columns(['user_id', 'property_key'])
        .unique()
        .execute();

      await db.schema
        .createTable('app_properties')
        .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id').onDelete('cascade'))
        .addColumn('property_key', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('app_properties_pk', ['app_id', 'property_key'])
        .execute();

      await db.schema
        .createTable('admin_keys')
        .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
