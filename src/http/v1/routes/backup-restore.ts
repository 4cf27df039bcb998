import type { FastifyInstance } from 'fastify';
import type { BackupJob, JobScope } from '../../../domain/backup-job.ts';
import {
  backupFileExists,
  cancelBackupJob,
  clearBackupQueue,
  downloadBackup,
  getBackupJob,
  listBackupJobs,
  listRestoreFiles,
} from '../../../services/backups/manage-backup-jobs.ts';
import {
  startRestore,
  startSiteBackup,
  startSpaceBackup,
  uploadAndStartRestore,
} from '../../../services/backups/start-backup-job.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { uploadPartsOf } from '../../common/multipart.ts';
import { typed } from '../../common/schemas.ts';
import { backupBodyRefusal, restoreOf, siteBackupOf, spaceBackupOf } from '../backup-input.ts';
import { presentV1ArchiveFile, presentV1BackupJob } from '../present/backup-job.ts';
import { joinedValue } from '../query-values.ts';
import {
  JobListQuery,
  JobParams,
  RestoreBody,
  RestoreFilesQuery,
  SiteBackupBody,
  SpaceBackupBody,
} from '../schemas/backup-restore.ts';

const listOf = (raw: string | string[] | undefined) =>
  [raw ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

/**
 * Backup and restore jobs (Data Center 10 `/rest/api/backup-restore…`): site administrators only. Jobs run
 * in the background (services/backups/run-backup-jobs.ts); the archive is Tributary's own zip.
 */
export function v1BackupRestoreRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const present = async (job: BackupJob) => presentV1BackupJob(job, await backupFileExists(deps, job));

    const refused = bodyRefusedAs(backupBodyRefusal);
    app.post(
      '/backup-restore/backup/space',
      { schema: { body: SpaceBackupBody }, schemaErrorFormatter: refused },
      async (request) =>
        present(await startSpaceBackup(deps, request.principal, spaceBackupOf(request.body))),
    );
    app.post(
      '/backup-restore/backup/site',
      { schema: { body: SiteBackupBody }, schemaErrorFormatter: refused },
      async (request) => present(await startSiteBackup(deps, request.principal, siteBackupOf(request.body))),
    );
    for (const scope of ['space', 'site'] as const) {
      const jobScope: JobScope = scope === 'space' ? 'SPACE' : 'SITE';
      app.post(
        `/backup-restore/restore/${scope}`,
        { schema: { body: RestoreBody }, schemaErrorFormatter: refused },
        async (request) =>
          present(await startRestore(deps, request.principal, jobScope, restoreOf(request.body))),
      );
      app.post(`/backup-restore/restore/${scope}/upload`, async (request) =>
        present(await uploadAndStartRestore(deps, request.principal, jobScope, uploadPartsOf(request))),
      );
    }

    app.get('/backup-restore/jobs', { schema: { querystring: JobListQuery } }, async (request) => {
      const jobs = await listBackupJobs(deps, request.principal, {
        ...request.query,
        jobStates: listOf(request.query.jobStates),
        spaceKey: joinedValue(request.query.spaceKey),
      });
      return Promise.all(jobs.map(present));
    });
    app.put('/backup-restore/jobs/clear-queue', async (request) => {
      await clearBackupQueue(deps, request.principal);
      return {};
    });
    app.get('/backup-restore/jobs/:jobId', { schema: { params: JobParams } }, async (request) =>
      present(await getBackupJob(deps, request.principal, request.params.jobId)),
    );
    app.put('/backup-restore/jobs/:jobId/cancel', { schema: { params: JobParams } }, async (request) =>
      present(await cancelBackupJob(deps, request.principal, request.params.jobId)),
    );
    app.get(
      '/backup-restore/jobs/:jobId/download',
      { schema: { params: JobParams } },
      async (request, reply) => {
        const { fileName, bytes } = await downloadBackup(deps, request.principal, request.params.jobId);
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(bytes);
      },
    );
    app.get(
      '/backup-restore/restore/files',
      { schema: { querystring: RestoreFilesQuery } },
      async (request) =>
        (await listRestoreFiles(deps, request.principal, request.query.jobScope)).map(presentV1ArchiveFile),
    );
  };
}
