import {
  type BackupJob,
  isSettled,
  type JobFilter,
  type JobOperation,
  type JobScope,
  type JobState,
  jobScopes,
  jobStates,
} from '../../domain/backup-job.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ArchiveFile } from '../../ports/backup-store.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export function jobIdOf(raw: string): number {
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(`jobId must be a whole number, not '${raw}'`, { field: 'jobId' });
  return Number(raw);
}

export async function requireJob(deps: ServiceDeps, rawId: string): Promise<BackupJob> {
  const id = jobIdOf(rawId);
  const job = await deps.store.backupJobs.findById(id);
  if (!job) throw notFound(`No backup or restore job with id ${id}`, { jobId: id });
  return job;
}

export function scopeOf(raw: string | undefined): JobScope | undefined {
  if (raw === undefined || raw === '') return undefined;
  const scope = jobScopes.find((candidate) => candidate === raw.toUpperCase());
  if (!scope) throw badRequest(`jobScope must be SPACE or SITE, not '${raw}'`, { field: 'jobScope' });
  return scope;
}

export interface JobQuery {
  limit?: string | undefined;
  fromDate?: string | undefined;
  toDate?: string | undefined;
  jobScope?: string | undefined;
  jobOperation?: string | undefined;
  jobStates: readonly string[];
  spaceKey?: string | undefined;
  owner?: string | undefined;
}

function dateOf(raw: string | undefined, field: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw badRequest(`${field} must be a date such as 2020-01-01, not '${raw}'`, { field });
  return ms;
}

/** `GET /backup-restore/jobs`: newest first, filtered; the spec's default limit is 25. */
export async function listBackupJobs(deps: ServiceDeps, principal: Principal, query: JobQuery) {
  requireAdministrator(principal);
  const limit = query.limit === undefined || query.limit === '' ? 25 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw badRequest('limit must be a positive whole number', { field: 'limit' });
  let operation: JobOperation | undefined;
  if (query.jobOperation) {
    const upper = query.jobOperation.toUpperCase();
    if (upper !== 'BACKUP' && upper !== 'RESTORE') {
      throw badRequest(`jobOperation must be BACKUP or RESTORE, not '${query.jobOperation}'`, {
        field: 'jobOperation',
      });
    }
    operation = upper;
  }
  const states = query.jobStates.map((raw) => {
    const state = jobStates.find((candidate) => candidate === raw.toUpperCase());
    if (!state) throw badRequest(`Unknown job state '${raw}'`, { field: 'jobStates' });
    return state;
  });
  const filter: JobFilter = {
    scope: scopeOf(query.jobScope),
    operation,
    states,
    spaceKey: query.spaceKey || undefined,
    fromMs: dateOf(query.fromDate, 'fromDate'),
    toMs: dateOf(query.toDate, 'toDate'),
  };
  if (query.owner) {
    const owner = await deps.store.users.findByUsername(query.owner);
    if (!owner) return [];
    filter.ownerId = owner.id;
  }
  return deps.store.backupJobs.list(filter, Math.min(limit, 1000));
}

export async function getBackupJob(deps: ServiceDeps, principal: Principal, rawId: string) {
  requireAdministrator(principal);
  return requireJob(deps, rawId);
}

/**
 * `PUT /jobs/{id}/cancel`: a queued job is cancelled at once; a running one is asked to stop and is
 * CANCELLING until it does; a settled one is left as it is.
 */
export async function cancelBackupJob(deps: ServiceDeps, principal: Principal, rawId: string) {
  requireAdministrator(principal);
  const job = await requireJob(deps, rawId);
  if (isSettled(job.state)) return job;
  const cancelledById = principal.kind === 'user' ? principal.user.id : null;
  const atMs = deps.clock.nowMs();
  const moves: [JobState[], JobState][] = [
    [['QUEUED'], 'CANCELLED'],
    [['PROCESSING', 'COMPLETING'], 'CANCELLING'],
  ];
  for (const [from, to] of moves) {
    if (await deps.store.backupJobs.transition(job.id, from, to, { atMs, cancelledById })) break;
  }
  return requireJob(deps, rawId);
}

/** `PUT /jobs/clear-queue`: cancels every queued job; those running go on. */
export async function clearBackupQueue(deps: ServiceDeps, principal: Principal): Promise<number> {
  requireAdministrator(principal);
  return deps.store.backupJobs.cancelQueued(
    principal.kind === 'user' ? principal.user.id : null,
    deps.clock.nowMs(),
  );
}

/** `GET /jobs/{id}/download`: the archive a finished backup wrote. */
export async function downloadBackup(deps: ServiceDeps, principal: Principal, rawId: string) {
  requireAdministrator(principal);
  const job = await requireJob(deps, rawId);
  if (job.operation !== 'BACKUP' || job.state !== 'FINISHED' || !job.fileName) {
    throw notFound(`Job ${job.id} has no backup file to download`, { jobId: job.id });
  }
  return { fileName: job.fileName, bytes: await deps.backupArchives.readBackupBytes(job.fileName) };
}

/** `GET /restore/files`: the files waiting to be restored, of one scope or both. */
export async function listRestoreFiles(
  deps: ServiceDeps,
  principal: Principal,
  rawScope: string | undefined,
): Promise<ArchiveFile[]> {
  requireAdministrator(principal);
  const scope = scopeOf(rawScope);
  const scopes = scope ? [scope] : jobScopes;
  const files: ArchiveFile[] = [];
  for (const each of scopes) files.push(...(await deps.backupArchives.listRestoreFiles(each)));
  return files;
}

/** Whether the job's backup file is still there (JobDetails' `fileExists`). */
export async function backupFileExists(deps: ServiceDeps, job: BackupJob): Promise<boolean> {
  return job.operation === 'BACKUP' && job.fileName !== null && job.state === 'FINISHED'
    ? deps.backupArchives.backupExists(job.fileName)
    : false;
}
