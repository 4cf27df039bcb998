import type { BackupJob, JobStatistics } from '../../domain/backup-job.ts';
import { noStatistics } from '../../domain/backup-job.ts';
import { type Principal, systemPrincipal } from '../../domain/principal.ts';
import type { ArchiveEntry } from '../../ports/backup-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { keepLease } from '../site/keep-lease.ts';
import { readArchiveManifest, restoreArchive } from './restore-archive.ts';
import { archiveEntries, archiveSpace } from './write-space-archive.ts';

export interface BackupJobRunner {
  /** Stops taking jobs; a job under way is asked to stop and waited for (it ends CANCELLED). */
  stop(): Promise<void>;
}

export interface BackupJobRunnerOptions {
  everyMs: number;
  onError: (error: unknown) => void;
  /** Whether jobs run in this process now: one process of a site runs them (schedule-site-duties.ts). */
  runsHere: () => boolean;
}

const jobLease = (id: number) => `backup-job:${id}`;

class JobCancelled extends Error {}

/**
 * Runs queued jobs one at a time, oldest first, as DC's job queue does: QUEUED → PROCESSING →
 * COMPLETING → FINISHED, or FAILED with the error, or CANCELLED when asked (between spaces, files and
 * archive entries). A job is leased to the process running it; when that process dies, the one running
 * jobs next fails it.
 */
export function scheduleBackupJobs(deps: ServiceDeps, options: BackupJobRunnerOptions): BackupJobRunner {
  const jobs = deps.store.backupJobs;
  let stopping = false;

  // The lease first, then the claim: a job in PROCESSING always has its lease held while it runs.
  async function run(job: BackupJob) {
    const nowMs = deps.clock.nowMs();
    if (
      !(await deps.store.leases.acquire(jobLease(job.id), deps.node.id, nowMs, nowMs + deps.node.leaseMs))
    ) {
      return;
    }
    const lease = keepLease(deps, jobLease(job.id), options.onError);
    try {
      if (await jobs.transition(job.id, ['QUEUED'], 'PROCESSING', { atMs: nowMs })) await runClaimed(job);
    } finally {
      await lease.release();
    }
  }

  async function runClaimed(job: BackupJob) {
    const abort = new AbortController();
    const checkpoint = async () => {
      const now = await jobs.findById(job.id);
      if (stopping || now?.state === 'CANCELLING' || now?.state === 'CANCELLED') {
        abort.abort(new JobCancelled('Cancelled'));
        throw new JobCancelled('Cancelled');
      }
    };
    try {
      const statistics =
        job.operation === 'BACKUP'
          ? await backUp(deps, job, checkpoint, abort.signal)
          : await restore(deps, job, checkpoint);
      await checkpoint();
      await jobs.transition(job.id, ['PROCESSING'], 'COMPLETING', { atMs: deps.clock.nowMs(), statistics });
      await jobs.transition(job.id, ['COMPLETING'], 'FINISHED', { atMs: deps.clock.nowMs() });
    } catch (error) {
      const cancelled = error instanceof JobCancelled || abort.signal.aborted;
      await jobs.transition(
        job.id,
        ['PROCESSING', 'COMPLETING', 'CANCELLING'],
        cancelled ? 'CANCELLED' : 'FAILED',
        {
          atMs: deps.clock.nowMs(),
          ...(!cancelled && { errorMessage: error instanceof Error ? error.message : String(error) }),
          ...(cancelled && stopping && { cancelledById: null }),
        },
      );
    }
  }

  async function pass() {
    if (!options.runsHere()) return;
    await failOrphaned();
    for (;;) {
      if (stopping || !options.runsHere()) return;
      const job = await jobs.nextQueued();
      if (!job) return;
      await run(job);
    }
  }

  // A job under way whose lease nobody holds will not finish: its process stopped. Passes run one at a
  // time, so no job of this process is under way meanwhile.
  async function failOrphaned() {
    const cut = await jobs.list({ states: ['PROCESSING', 'COMPLETING', 'CANCELLING'] }, 1000);
    for (const job of cut) {
      const nowMs = deps.clock.nowMs();
      if (
        !(await deps.store.leases.acquire(jobLease(job.id), deps.node.id, nowMs, nowMs + deps.node.leaseMs))
      ) {
        continue;
      }
      await jobs.transition(job.id, [job.state], 'FAILED', {
        atMs: nowMs,
        errorMessage: 'The server stopped while the job was running',
      });
      await deps.store.leases.release(jobLease(job.id), deps.node.id);
    }
  }

  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= pass()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function backUp(
  deps: ServiceDeps,
  job: BackupJob,
  checkpoint: () => Promise<void>,
  signal: AbortSignal,
): Promise<JobStatistics> {
  const spaces =
    job.scope === 'SITE'
      ? (await deps.store.spaces.list({}, { start: 0, limit: 100_000 })).items
      : await Promise.all(job.spaceKeys.map((key) => deps.store.spaces.findByKey(key)));
  const archived = [];
  for (const space of spaces) {
    await checkpoint();
    if (!space) throw new Error('A space to back up was deleted after the job was queued');
    const content = await archiveSpace(deps, space);
    // A site backup may leave the bytes out (`skipAttachments`), as DC's does.
    archived.push(job.settings.skipAttachments === true ? { ...content, attachments: [] } : content);
  }
  async function* checked(entries: AsyncIterable<ArchiveEntry>) {
    for await (const entry of entries) {
      await checkpoint();
      yield entry;
    }
  }
  if (!job.fileName) throw new Error('The job has no file name');
  await deps.backupArchives.writeBackup(
    job.fileName,
    checked(archiveEntries(deps, job.scope, archived)),
    signal,
  );
  const objects = archived.reduce((sum, space) => sum + 1 + space.pages.length + space.attachments.length, 0);
  return {
    ...noStatistics,
    totalObjectsCount: objects,
    processedObjectsCount: objects,
    persistedObjectsCount: objects,
  };
}

async function restore(
  deps: ServiceDeps,
  job: BackupJob,
  checkpoint: () => Promise<void>,
): Promise<JobStatistics> {
  if (!job.fileName) throw new Error('The job has no file name');
  const principal = await ownerOf(deps, job);
  const reader = await deps.backupArchives.openRestoreFile(job.scope, job.fileName);
  try {
    const manifest = await readArchiveManifest(reader, job.scope);
    return await restoreArchive(deps, principal, reader, manifest, { checkpoint });
  } finally {
    await reader.close();
  }
}

/** Only administrators queue jobs; a job whose owner has gone since runs as the server. */
async function ownerOf(deps: ServiceDeps, job: BackupJob): Promise<Principal> {
  const owner = job.ownerId === null ? undefined : await deps.store.users.findById(job.ownerId);
  return owner ? { kind: 'user', user: owner, isAdministrator: true } : systemPrincipal;
}
