import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * The whole domain in one go, so later issues add columns rather than rewrite tables.
 * Times are epoch milliseconds (bigint); booleans are integers 0/1 on every dialect.
 * Pages, blog posts, comments and attachments share the `content` table and so one id sequence
 * (a Cloud attachment id is `att` + that number).
 */
export function initialSchema(dialect: SqlDialect): Migration {
  const withId = (table: CreateTableBuilder<string>): CreateTableBuilder<string> =>
    dialect === 'postgres'
      ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>) {
      const table = (name: string) => withId(db.schema.createTable(name));

      await table('users')
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('user_key', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      await table('groups')
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('group_memberships')
        .addColumn('group_id', 'bigint', (c) => c.notNull().references('groups.id').onDelete('cascade'))
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_memberships_pk', ['group_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('group_memberships_user')
        .on('group_memberships')
        .column('user_id')
        .execute();

      await table('api_tokens')
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint')
        .addColumn('last_used_at_ms', 'bigint')
        .addColumn('revoked_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

      await table('spaces')
        .addColumn('space_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('type', 'text', (c) => c.notNull().defaultTo('global'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('current'))
        .addColumn('homepage_id', 'bigint')
        .addColumn('creator_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      // One row per grant: subject is a user, a group or the anonymous user; target is the space itself or
      // a content type in it, as in Confluence's space permission screen.
      await table('space_permissions')
        .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'bigint')
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull().defaultTo('space'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('space_permissions_space')
        .on('space_permissions')
        .column('space_id')
        .execute();

      await table('content')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('space_id', 'bigint', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('parent_id', 'bigint', (c) => c.references('content.id').onDelete('cascade'))
        .addColumn('container_id', 'bigint', (c) => c.references('content.id').onDelete('cascade'))
        .addColumn('position', 'integer')
        .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('comment_location', 'text')
        .addColumn('creator_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('content_space_type')
        .on('content')
        .columns(['space_id', 'type', 'status'])
        .execute();
      await db.schema.createIndex('content_parent').on('content').column('parent_id').execute();
      await db.schema
        .createIndex('content_container')
        .on('content')
        .columns(['container_id', 'type', 'status', 'title'])
        .execute();

      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      // Every version of every content item; for attachments the bytes of that version live in `blobs`.
      await db.schema
        .createTable('content_versions')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('author_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('minor_edit', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('body_representation', 'text')
        .addColumn('body_value', 'text')
        .addColumn('blob_sha256', 'text', (c) => c.references('blobs.sha256'))
        .addColumn('size_bytes', 'bigint')
        .addColumn('media_type', 'text')
        .addColumn('file_id', 'text')
        .addPrimaryKeyConstraint('content_versions_pk', ['content_id', 'number'])
        .execute();
      await db.schema
        .createIndex('content_versions_blob')
        .on('content_versions')
        .column('blob_sha256')
        .execute();

      await table('labels')
        .addColumn('prefix', 'text', (c) => c.notNull().defaultTo('global'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addUniqueConstraint('labels_prefix_name', ['prefix', 'name'])
        .execute();

      await db.schema
        .createTable('content_labels')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('label_id', 'bigint', (c) => c.notNull().references('labels.id').onDelete('cascade'))
        .addColumn('owner_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('content_labels_pk', ['content_id', 'label_id'])
        .execute();
      await db.schema.createIndex('content_labels_label').on('content_labels').column('label_id').execute();

      // Properties hang off a content item or a space (exactly one of the two).
      await table('properties')
        .addColumn('content_id', 'bigint', (c) => c.references('content.id').onDelete('cascade'))
        .addColumn('space_id', 'bigint', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('property_key', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('version_number', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('author_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('properties_content_key', ['content_id', 'property_key'])
        .addUniqueConstraint('properties_space_key', ['space_id', 'property_key'])
        .execute();

      await table('restrictions')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('restrictions_content').on('restrictions').column('content_id').execute();

      await table('audit_records')
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('author_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('remote_address', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text')
        .addColumn('object_id', 'text')
        .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createIndex('audit_records_created')
        .on('audit_records')
        .column('created_at_ms')
        .execute();
    },
  };
}
