/**
 * Backup and restore jobs as DC 10 runs them (`/rest/api/backup-restore`): queued, processed one at a
 * time in the background, cancellable while queued or processing.
 */
export const jobStates = [
  'QUEUED',
  'PROCESSING',
  'COMPLETING',
  'FINISHED',
  'CANCELLING',
  'CANCELLED',
  'FAILED',
] as const;
export type JobState = (typeof jobStates)[number];
export type JobOperation = 'BACKUP' | 'RESTORE';
export type JobScope = 'SPACE' | 'SITE';
export const jobScopes: readonly JobScope[] = ['SPACE', 'SITE'];

/** A job that will not change state again. */
export const isSettled = (state: JobState) =>
  state === 'FINISHED' || state === 'CANCELLED' || state === 'FAILED';

export interface JobStatistics {
  totalObjectsCount: number;
  processedObjectsCount: number;
  persistedObjectsCount: number;
  skippedObjectsCount: number;
  reusedObjectsCount: number;
}

export const noStatistics: JobStatistics = {
  totalObjectsCount: 0,
  processedObjectsCount: 0,
  persistedObjectsCount: 0,
  skippedObjectsCount: 0,
  reusedObjectsCount: 0,
};

export interface BackupJob {
  id: number;
  operation: JobOperation;
  scope: JobScope;
  state: JobState;
  ownerId: number | null;
  ownerName: string | null;
  spaceKeys: string[];
  settings: Record<string, unknown>;
  fileName: string | null;
  errorMessage: string | null;
  cancelledByName: string | null;
  statistics: JobStatistics;
  createdAtMs: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  cancelledAtMs: number | null;
}

export type NewBackupJob = Pick<
  BackupJob,
  'operation' | 'scope' | 'ownerId' | 'spaceKeys' | 'settings' | 'fileName' | 'createdAtMs'
>;

export interface JobFilter {
  scope?: JobScope | undefined;
  operation?: JobOperation | undefined;
  states?: readonly JobState[] | undefined;
  spaceKey?: string | undefined;
  ownerId?: number | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
}

/**
 * The archive a backup job writes: Tributary's own, not Confluence's XML export (which is Hibernate's
 * dump of its internal entities and cannot be produced or read without Confluence's schema). It follows
 * the `tributary backup` toolkit's layout (src/cli/backup/manifest.ts): `manifest.json` beside the bytes
 * of each attachment version once per SHA-256 at `blobs/sha256/<first two hex digits>/<hash>`, here in
 * a zip; its manifest holds whole spaces (every page version, labels), so it has its own format name.
 */
export const archiveFormat = 'tributary-space-archive';
export const archiveFormatVersion = 1;
export const archiveManifestName = 'manifest.json';
export const archiveBlobName = (sha256: string) => `blobs/sha256/${sha256.slice(0, 2)}/${sha256}`;

export interface ArchiveLabel {
  prefix: string;
  name: string;
}

export interface ArchivePageVersion {
  number: number;
  title: string;
  createdAtMs: number;
  message: string;
  minorEdit: boolean;
  body: { representation: string; value: string } | null;
}

export interface ArchiveFileVersion extends Omit<ArchivePageVersion, 'body'> {
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface ArchivePage {
  id: number;
  type: 'page' | 'blogpost';
  parentId: number | null;
  position: number | null;
  createdAtMs: number;
  labels: ArchiveLabel[];
  /** Oldest first. */
  versions: ArchivePageVersion[];
}

export interface ArchiveAttachment {
  id: number;
  containerId: number;
  createdAtMs: number;
  labels: ArchiveLabel[];
  /** Oldest first. */
  versions: ArchiveFileVersion[];
}

export interface ArchiveSpace {
  key: string;
  name: string;
  description: string;
  homepageId: number | null;
  /** Parents before their children. */
  pages: ArchivePage[];
  attachments: ArchiveAttachment[];
}

export interface ArchiveManifest {
  format: typeof archiveFormat;
  formatVersion: number;
  scope: JobScope;
  createdAtMs: number;
  spaces: ArchiveSpace[];
}
