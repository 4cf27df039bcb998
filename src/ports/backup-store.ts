import type { Readable } from 'node:stream';
import type {
  BackupJob,
  JobFilter,
  JobScope,
  JobState,
  JobStatistics,
  NewBackupJob,
} from '../domain/backup-job.ts';

export interface BackupJobsRepository {
  insert(job: NewBackupJob): Promise<BackupJob>;
  findById(id: number): Promise<BackupJob | undefined>;
  /** Newest first, at most `limit`. */
  list(filter: JobFilter, limit: number): Promise<BackupJob[]>;
  /** The oldest queued job, which runs next. */
  nextQueued(): Promise<BackupJob | undefined>;
  /** Moves the job on only from `from` (so a cancel and the runner cannot both win); whether it moved. */
  transition(
    id: number,
    from: readonly JobState[],
    to: JobState,
    changes: {
      atMs: number;
      cancelledById?: number | null;
      errorMessage?: string | null;
      fileName?: string | null;
      statistics?: JobStatistics;
    },
  ): Promise<boolean>;
  /** Cancels every queued job; answers how many. */
  cancelQueued(cancelledById: number | null, atMs: number): Promise<number>;
}

export interface ArchiveEntry {
  name: string;
  bytes: () => Promise<Readable | Buffer>;
}

export interface ArchiveFile {
  name: string;
  sizeBytes: number;
  createdAtMs: number;
  scope: JobScope;
}

export interface ArchiveReader {
  has(name: string): boolean;
  read(name: string): Promise<Readable>;
  close(): Promise<void>;
}

/**
 * Where archives live: backups written by jobs (downloadable), and files waiting to be restored, one
 * folder per scope, as DC keeps `<home>/backups` and `<home>/restore/{space,site}`.
 */
export interface BackupArchives {
  /** Writes the entries, in order, into a new zip among the backups; it appears only once complete. */
  writeBackup(fileName: string, entries: AsyncIterable<ArchiveEntry>, signal: AbortSignal): Promise<number>;
  backupExists(fileName: string): Promise<boolean>;
  readBackupBytes(fileName: string): Promise<Readable>;
  /** Keeps an uploaded file among those waiting to be restored. */
  saveRestoreFile(scope: JobScope, fileName: string, bytes: AsyncIterable<Uint8Array>): Promise<void>;
  listRestoreFiles(scope: JobScope): Promise<ArchiveFile[]>;
  /** Opens a zip waiting to be restored; DomainError when it is absent or not a zip. */
  openRestoreFile(scope: JobScope, fileName: string): Promise<ArchiveReader>;
}
