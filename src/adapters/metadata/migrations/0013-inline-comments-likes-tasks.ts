import { type Kysely, type Migration, sql } from 'kysely';
import { tasksIn, type UserReference } from '../../../domain/task.ts';
import type { IndexedTask } from '../../../ports/comment-like-task-store.ts';
import { sqlContentTasksRepository } from '../sql/content-tasks-repository.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { Tables } from '../sql/tables.ts';

/**
 * Issue 17, Cloud v2: what an inline comment is anchored to (the `ac:inline-comment-marker` ref it wraps
 * round its text in the page body, the text, and whether it is resolved); likes; and the tasks of page and
 * blog post bodies, indexed when a body is saved. A task keeps its id while its `ac:task-id` stays in the
 * body. All three go with their content; a removed user's likes go, the tasks they made or hold stay.
 * The tasks of bodies already saved are indexed here.
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
      await indexExistingTasks(db as unknown as Kysely<Tables>);
    },
  };
}

const backfillBatch = 500;

/** The user a body's `<ri:user>` names, by the attribute it was written with. */
async function userIdOf(db: Kysely<Tables>, reference: UserReference | undefined): Promise<number | null> {
  if (!reference) return null;
  const query = db.selectFrom('users').select('id');
  const row = await ('accountId' in reference
    ? query.where('account_id', '=', reference.accountId)
    : 'userKey' in reference
      ? query.where('user_key', '=', reference.userKey)
      : query.where('username', '=', reference.username)
  ).executeTakeFirst();
  return row ? Number(row.id) : null;
}

/**
 * The tasks of bodies saved before this migration, as if each current version had just been saved by its
 * author: later saves keep these ids.
 */
async function indexExistingTasks(db: Kysely<Tables>) {
  const tasks = sqlContentTasksRepository(db);
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('content as c')
      .innerJoin('content_versions as v', (join) =>
        join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
      )
      .select(['c.id', 'v.author_id', 'v.created_at_ms', 'v.body_value'])
      .where('c.type', 'in', ['page', 'blogpost'])
      .where('v.body_representation', '=', 'storage')
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(backfillBatch)
      .execute();
    for (const row of rows) {
      const marked = tasksIn(row.body_value ?? '');
      if (marked.length === 0) continue;
      const indexed: IndexedTask[] = [];
      for (const task of marked) {
        indexed.push({
          localId: task.localId,
          status: task.status,
          body: task.body,
          assigneeId: await userIdOf(db, task.assignee),
          dueAtMs: task.dueAtMs ?? null,
        });
      }
      const authorId = row.author_id === null ? null : Number(row.author_id);
      await tasks.replace(Number(row.id), indexed, authorId, Number(row.created_at_ms));
    }
    const last = rows.at(-1);
    if (!last || rows.length < backfillBatch) return;
    after = Number(last.id);
  }
}
