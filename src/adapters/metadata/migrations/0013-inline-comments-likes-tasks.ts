import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Issue 17, Cloud v2: what an inline comment is anchored to (the `ac:inline-comment-marker` ref it wraps
 * round its text in the page body, the text, and whether it is resolved); likes; and the tasks of page and
 * blog post bodies, indexed when a body is saved. A task keeps its id while its `ac:task-id` stays in the
 * body. All three go with their content; a removed user's likes go, the tasks they made or hold stay.
 */
export function inlineCommentsLikesTasks(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('inline_comments')
        .addColumn('content_id', 'bigint', (c) => c.primaryKey().references('content.id').onDelete('cascade'))
        .addColumn('marker_ref', 'text', (c) => c.notNull())
        .addColumn('original_selection', 'text', (c) => c.notNull())
        .addColumn('resolution_status', 'text', (c) => c.notNull())
        .addColumn('resolution_modifier_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('resolution_modified_at_ms', 'bigint')
        .execute();

      await db.schema
        .createTable('likes')
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('likes_pk', ['content_id', 'user_id'])
        .execute();
      await db.schema.createIndex('likes_user').on('likes').column('user_id').execute();

      await db.schema
        .createTable('content_tasks')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('content_id', 'bigint', (c) => c.notNull().references('content.id').onDelete('cascade'))
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('creator_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('assignee_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('completer_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('due_at_ms', 'bigint')
        .addColumn('completed_at_ms', 'bigint')
        .execute();
      await sql`CREATE UNIQUE INDEX content_tasks_local ON content_tasks (content_id, local_id)`.execute(db);
      await db.schema
        .createIndex('content_tasks_assignee')
        .on('content_tasks')
        .column('assignee_id')
        .execute();
    },
  };
}
