import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

const contentTypes = sql`('page', 'blogpost', 'comment', 'attachment')`;

/**
 * The audit log as Confluence shows it (Cloud v1 `AuditRecord`): records keep who made the change and the
 * space and content it touched by name, because they outlive users, spaces and content; a before/after
 * list of changed values; one lower-cased search text for `searchString`; and the retention period an
 * administrator sets. Records written before this migration are filled in from what they named.
 */
export function auditLog(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const columns: [string, 'text' | 'bigint' | 'integer', string | number | undefined][] = [
        ['author_username', 'text', undefined],
        ['author_user_key', 'text', undefined],
        ['author_account_id', 'text', undefined],
        ['author_display_name', 'text', ''],
        ['sys_admin', 'integer', 0],
        ['description', 'text', ''],
        ['object_name', 'text', undefined],
        ['space_id', 'bigint', undefined],
        ['space_key', 'text', undefined],
        ['space_name', 'text', undefined],
        ['content_id', 'bigint', undefined],
        ['content_type', 'text', undefined],
        ['content_title', 'text', undefined],
        ['changed_values_json', 'text', '[]'],
        ['associated_objects_json', 'text', '[]'],
        ['search_text', 'text', ''],
      ];
      for (const [name, type, defaultValue] of columns) {
        await db.schema
          .alterTable('audit_records')
          .addColumn(name, type, (c) =>
            defaultValue === undefined ? c : c.notNull().defaultTo(defaultValue),
          )
          .execute();
      }

      await sql`UPDATE audit_records SET
          author_username = (SELECT u.username FROM users u WHERE u.id = audit_records.author_id),
          author_user_key = (SELECT u.user_key FROM users u WHERE u.id = audit_records.author_id),
          author_account_id = (SELECT u.account_id FROM users u WHERE u.id = audit_records.author_id),
          author_display_name = coalesce(
            (SELECT u.display_name FROM users u WHERE u.id = audit_records.author_id), ''),
          object_name = object_id`.execute(db);
      await sql`UPDATE audit_records SET
          space_key = object_id,
          space_id = (SELECT s.id FROM spaces s WHERE s.space_key = audit_records.object_id),
          space_name = coalesce((SELECT s.name FROM spaces s WHERE s.space_key = audit_records.object_id), object_id)
        WHERE object_type = 'space'`.execute(db);
      await sql`UPDATE audit_records SET
          content_id = CAST(object_id AS bigint),
          content_type = object_type
        WHERE object_type IN ${contentTypes}`.execute(db);
      await sql`UPDATE audit_records SET
          content_title = (SELECT c.title FROM content c WHERE c.id = audit_records.content_id),
          space_id = (SELECT c.space_id FROM content c WHERE c.id = audit_records.content_id)
        WHERE content_id IS NOT NULL`.execute(db);
      await sql`UPDATE audit_records SET
          object_name = coalesce(content_title, object_id),
          space_key = (SELECT s.space_key FROM spaces s WHERE s.id = audit_records.space_id),
          space_name = (SELECT s.name FROM spaces s WHERE s.id = audit_records.space_id)
        WHERE content_id IS NOT NULL`.execute(db);
      await sql`UPDATE audit_records SET search_text = lower(
          category || ' ' || summary || ' ' || coalesce(author_username, '') || ' ' || author_display_name
          || ' ' || coalesce(object_type, '') || ' ' || coalesce(object_id, '') || ' '
          || coalesce(object_name, '') || ' ' || coalesce(space_key, '') || ' ' || coalesce(space_name, '')
          || ' ' || details_json)`.execute(db);

      await db.schema
        .createTable('audit_retention')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('units', 'text', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();

      // Deleting a user sets author_id to null in its records, which needs this index not to scan them all;
      // the space and content ones answer "what happened here" without a scan.
      await db.schema.createIndex('audit_records_author').on('audit_records').column('author_id').execute();
      await db.schema.createIndex('audit_records_space').on('audit_records').column('space_id').execute();
      await db.schema.createIndex('audit_records_content').on('audit_records').column('content_id').execute();
    },
  };
}
