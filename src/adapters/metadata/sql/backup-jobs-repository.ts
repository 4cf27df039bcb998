import type { Kysely, Selectable } from 'kysely';
import {
  type BackupJob,
  type JobOperation,
  type JobScope,
  type JobState,
  type JobStatistics,
  noStatistics,
} from '../../../domain/backup-job.ts';
import type { BackupJobsRepository } from '../../../ports/backup-store.ts';
import type { Tables } from './tables.ts';
import type { BackupJobsTable } from './webhook-tables.ts';

type JobRow = Selectable<BackupJobsTable> & { owner_name: string | null; cancelled_by_name: string | null };

const nullableNumber = (value: number | null) => (value === null ? null : Number(value));

function toJob(row: JobRow): BackupJob {
  return {
    id: Number(row.id),
    operation: row.operation as JobOperation,
    scope: row.scope as JobScope,
    state: row.state as JobState,
    ownerId: nullableNumber(row.owner_id),
    ownerName: row.owner_name,
    spaceKeys: row.space_keys === '' ? [] : row.space_keys.split(','),
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
    fileName: row.file_name,
    errorMessage: row.error_message,
    cancelledByName: row.cancelled_by_name,
    statistics: { ...noStatistics, ...(JSON.parse(row.statistics_json) as Partial<JobStatistics>) },
    createdAtMs: Number(row.created_at_ms),
    startedAtMs: nullableNumber(row.started_at_ms),
    finishedAtMs: nullableNumber(row.finished_at_ms),
    cancelledAtMs: nullableNumber(row.cancelled_at_ms),
  };
}

export function sqlBackupJobsRepository(db: Kysely<Tables>): BackupJobsRepository {
  const jobs = () =>
    db
      .selectFrom('backup_jobs as j')
      .leftJoin('users as o', 'o.id', 'j.owner_id')
      .leftJoin('users as c', 'c.id', 'j.cancelled_by_id')
      .selectAll('j')
      .select(['o.username as owner_name', 'c.username as cancelled_by_name']);

  async function findById(id: number) {
    const row = await jobs().where('j.id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  return {
    async insert(job) {
      const row = await db
        .insertInto('backup_jobs')
        .values({
          operation: job.operation,
          scope: job.scope,
          state: 'QUEUED',
          owner_id: job.ownerId,
          space_keys: job.spaceKeys.join(','),
          settings_json: JSON.stringify(job.settings),
          file_name: job.fileName,
          statistics_json: JSON.stringify(noStatistics),
          created_at_ms: job.createdAtMs,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await findById(Number(row.id))) as BackupJob;
    },
    findById,
    async list(filter, limit) {
      let query = jobs();
      if (filter.scope) query = query.where('j.scope', '=', filter.scope);
      if (filter.operation) query = query.where('j.operation', '=', filter.operation);
      if (filter.states?.length) query = query.where('j.state', 'in', filter.states);
      if (filter.ownerId !== undefined) query = query.where('j.owner_id', '=', filter.ownerId);
      if (filter.fromMs !== undefined) query = query.where('j.created_at_ms', '>=', filter.fromMs);
      if (filter.toMs !== undefined) query = query.where('j.created_at_ms', '<=', filter.toMs);
      if (filter.spaceKey !== undefined) {
        const key = filter.spaceKey;
        query = query.where((eb) =>
          eb.or([
            eb('j.space_keys', '=', key),
            eb('j.space_keys', 'like', `${key},%`),
            eb('j.space_keys', 'like', `%,${key}`),
            eb('j.space_keys', 'like', `%,${key},%`),
          ]),
        );
      }
      const rows = await query.orderBy('j.id', 'desc').limit(limit).execute();
      return rows.map(toJob);
    },
    async nextQueued() {
      const row = await jobs().where('j.state', '=', 'QUEUED').orderBy('j.id').limit(1).executeTakeFirst();
      return row && toJob(row);
    },
    async transition(id, from, to, changes) {
      const settled = to === 'FINISHED' || to === 'FAILED' || to === 'CANCELLED';
      const result = await db
        .updateTable('backup_jobs')
        .set({
          state: to,
          ...(to === 'PROCESSING' && { started_at_ms: changes.atMs }),
          ...(settled && { finished_at_ms: changes.atMs }),
          ...((to === 'CANCELLING' || to === 'CANCELLED') &&
            changes.cancelledById !== undefined && {
              cancelled_by_id: changes.cancelledById,
              cancelled_at_ms: changes.atMs,
            }),
          ...(changes.errorMessage !== undefined && { error_message: changes.errorMessage }),
          ...(changes.fileName !== undefined && { file_name: changes.fileName }),
          ...(changes.statistics && { statistics_json: JSON.stringify(changes.statistics) }),
        })
        .where('id', '=', id)
        .where('state', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async cancelQueued(cancelledById, atMs) {
      const result = await db
        .updateTable('backup_jobs')
        .set({
          state: 'CANCELLED',
          cancelled_by_id: cancelledById,
          cancelled_at_ms: atMs,
          finished_at_ms: atMs,
        })
        .where('state', '=', 'QUEUED')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
