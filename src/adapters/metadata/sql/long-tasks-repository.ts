import type { Kysely, Selectable } from 'kysely';
import type { LongTask, LongTaskMessage } from '../../../domain/long-task.ts';
import type { LongTasksRepository } from '../../../ports/task-and-property-store.ts';
import type { LongTasksTable, Tables } from './tables.ts';

function toLongTask(row: Selectable<LongTasksTable>): LongTask {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    percentageComplete: Number(row.percentage_complete),
    successful: Number(row.successful) === 1,
    finished: Number(row.finished) === 1,
    messages: JSON.parse(row.messages_json) as LongTaskMessage[],
    createdAtMs: Number(row.created_at_ms),
    finishedAtMs: row.finished_at_ms === null ? null : Number(row.finished_at_ms),
  };
}

export function sqlLongTasksRepository(db: Kysely<Tables>): LongTasksRepository {
  return {
    async insert(task) {
      const row = await db
        .insertInto('long_tasks')
        .values({
          id: task.id,
          name: task.name,
          owner_id: task.ownerId,
          percentage_complete: 0,
          successful: 0,
          finished: 0,
          messages_json: '[]',
          created_at_ms: task.createdAtMs,
          finished_at_ms: null,
          resume_json: task.resume === undefined ? null : JSON.stringify(task.resume),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toLongTask(row);
    },
    async findById(id) {
      const row = await db.selectFrom('long_tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toLongTask(row);
    },
    async list(filter, window) {
      let query = db.selectFrom('long_tasks');
      if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
      const [rows, total] = await Promise.all([
        query
          .selectAll()
          .orderBy('created_at_ms', 'desc')
          .orderBy('id', 'desc')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toLongTask), total: Number(total.n) };
    },
    async update(id, progress) {
      await db
        .updateTable('long_tasks')
        .set({
          ...(progress.percentageComplete !== undefined && {
            percentage_complete: progress.percentageComplete,
          }),
          ...(progress.successful !== undefined && { successful: progress.successful ? 1 : 0 }),
          ...(progress.finished !== undefined && { finished: progress.finished ? 1 : 0 }),
          ...(progress.messages !== undefined && { messages_json: JSON.stringify(progress.messages) }),
          ...(progress.finishedAtMs !== undefined && { finished_at_ms: progress.finishedAtMs }),
        })
        .where('id', '=', id)
        .execute();
    },
    async unfinished(limit) {
      const rows = await db
        .selectFrom('long_tasks')
        .selectAll()
        .where('finished', '=', 0)
        .orderBy('created_at_ms')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        task: toLongTask(row),
        resume: row.resume_json === null ? undefined : (JSON.parse(row.resume_json) as unknown),
      }));
    },
  };
}
