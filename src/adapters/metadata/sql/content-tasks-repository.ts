import type { Kysely } from 'kysely';
import type { ContentTask, TaskStatus } from '../../../domain/task.ts';
import type {
  ContentTasksRepository,
  IndexedTask,
  TaskFilter,
} from '../../../ports/comment-like-task-store.ts';
import type { Tables } from './tables.ts';
import { visibleContent } from './visibility.ts';

type TaskRow = Tables['content_tasks'] & { id: number; content_type: string; space_id: number | null };

const numberOrNull = (value: number | null) => (value === null ? null : Number(value));

const toTask = (row: TaskRow): ContentTask => ({
  id: Number(row.id),
  localId: row.local_id,
  contentId: Number(row.content_id),
  contentType: row.content_type === 'blogpost' ? 'blogpost' : 'page',
  spaceId: numberOrNull(row.space_id),
  status: row.status as TaskStatus,
  body: row.body,
  creatorId: numberOrNull(row.creator_id),
  assigneeId: numberOrNull(row.assignee_id),
  completerId: numberOrNull(row.completer_id),
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
  dueAtMs: numberOrNull(row.due_at_ms),
  completedAtMs: numberOrNull(row.completed_at_ms),
});

const changed = (row: Omit<Tables['content_tasks'], 'id'>, task: IndexedTask) =>
  row.status !== task.status ||
  row.body !== task.body ||
  numberOrNull(row.assignee_id) !== task.assigneeId ||
  numberOrNull(row.due_at_ms) !== task.dueAtMs;

export function sqlContentTasksRepository(db: Kysely<Tables>): ContentTasksRepository {
  const selected = () =>
    db
      .selectFrom('content_tasks as t')
      .innerJoin('content as c', 'c.id', 't.content_id')
      .selectAll('t')
      .select(['c.type as content_type', 'c.space_id']);

  return {
    async replace(contentId, tasks, authorId, atMs) {
      const existing = await db
        .selectFrom('content_tasks')
        .selectAll()
        .where('content_id', '=', contentId)
        .execute();
      const byLocalId = new Map(existing.map((row) => [row.local_id, row]));
      for (const task of tasks) {
        const row = byLocalId.get(task.localId);
        byLocalId.delete(task.localId);
        const completion =
          task.status === 'complete'
            ? { completer_id: authorId, completed_at_ms: atMs }
            : { completer_id: null, completed_at_ms: null };
        const fields = {
          status: task.status,
          body: task.body,
          assignee_id: task.assigneeId,
          due_at_ms: task.dueAtMs,
          updated_at_ms: atMs,
        };
        if (!row) {
          await db
            .insertInto('content_tasks')
            .values({
              content_id: contentId,
              local_id: task.localId,
              creator_id: authorId,
              created_at_ms: atMs,
              ...fields,
              ...completion,
            })
            .execute();
        } else if (changed(row, task)) {
          await db
            .updateTable('content_tasks')
            .set({ ...fields, ...(row.status !== task.status && completion) })
            .where('id', '=', row.id)
            .execute();
        }
      }
      const gone = [...byLocalId.values()].map((row) => row.id);
      if (gone.length > 0) await db.deleteFrom('content_tasks').where('id', 'in', gone).execute();
    },

    async findById(id) {
      const row = await selected().where('t.id', '=', id).executeTakeFirst();
      return row && toTask(row as TaskRow);
    },

    async list(filter: TaskFilter, window) {
      let query = selected().where('c.status', '=', 'current').where(visibleContent(filter.viewer));
      const within = (
        column: 't.created_at_ms' | 't.due_at_ms' | 't.completed_at_ms',
        range?: { from?: number; to?: number },
      ) => {
        if (range?.from !== undefined) query = query.where(column, '>=', range.from);
        if (range?.to !== undefined) query = query.where(column, '<=', range.to);
      };
      if (filter.ids?.length) query = query.where('t.id', 'in', [...filter.ids]);
      if (filter.status) query = query.where('t.status', '=', filter.status);
      if (filter.spaceIds?.length) query = query.where('c.space_id', 'in', [...filter.spaceIds]);
      if (filter.contentIds?.length) query = query.where('t.content_id', 'in', [...filter.contentIds]);
      if (filter.creatorIds?.length) query = query.where('t.creator_id', 'in', [...filter.creatorIds]);
      if (filter.assigneeIds?.length) query = query.where('t.assignee_id', 'in', [...filter.assigneeIds]);
      if (filter.completerIds?.length) query = query.where('t.completer_id', 'in', [...filter.completerIds]);
      within('t.created_at_ms', filter.createdAtMs);
      within('t.due_at_ms', filter.dueAtMs);
      within('t.completed_at_ms', filter.completedAtMs);
      if (filter.includeBlank === false) query = query.where('t.body', '!=', '');
      const after = window.after;
      if (after) query = query.where('t.id', '>', after.id);
      const rows = await query
        .orderBy('t.id')
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map((row) => toTask(row as TaskRow));
      const last = items.at(-1);
      return {
        items,
        next: rows.length > window.limit && last ? { sortValue: last.id, id: last.id } : undefined,
      };
    },
  };
}
