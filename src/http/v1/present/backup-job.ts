import type { BackupJob } from '../../../domain/backup-job.ts';
import type { ArchiveFile } from '../../../ports/backup-store.ts';
import { isoOf } from '../../common/time.ts';

const at = (field: string, ms: number | null) => (ms === null ? {} : { [field]: isoOf(ms) });

/** A `JobDetails` (DC spec), with the job's settings and statistics as its `…JobDetails` kinds add them. */
export function presentV1BackupJob(job: BackupJob, fileExists: boolean) {
  return {
    id: job.id,
    jobOperation: job.operation,
    jobScope: job.scope,
    jobState: job.state,
    createTime: isoOf(job.createdAtMs),
    ...at('startProcessingTime', job.startedAtMs),
    ...at('finishProcessingTime', job.finishedAtMs),
    ...at('cancelTime', job.cancelledAtMs),
    ...(job.errorMessage !== null && { errorMessage: job.errorMessage }),
    ...(job.ownerName !== null && { owner: job.ownerName }),
    ...(job.cancelledByName !== null && { cancelledBy: job.cancelledByName }),
    ...(job.fileName !== null && { fileName: job.fileName }),
    ...(job.spaceKeys.length > 0 && { spaceKeys: job.spaceKeys.join(',') }),
    fileExists,
    jobSettings: job.settings,
    statistics: job.statistics,
    jobStatistics: job.statistics,
  };
}

/** A `FileInfo` (DC spec). */
export function presentV1ArchiveFile(file: ArchiveFile) {
  return {
    name: file.name,
    creationTime: isoOf(file.createdAtMs),
    size: file.sizeBytes,
    jobScope: file.scope,
  };
}
