import type { BackupJob, JobOperation, JobScope } from '../../domain/backup-job.ts';
import { badRequest, conflict, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { UploadPart } from '../attachments/upload-attachments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

type JsonObject = Record<string, unknown>;

/** `POST /backup-restore/backup/space`: the spaces to back up; the file name starts with the prefix. */
export interface SpaceBackupRequest {
  spaceKeys: string[];
  keepPermanently: boolean;
  fileNamePrefix: string | undefined;
}

/** `POST /backup-restore/backup/site`. */
export interface SiteBackupRequest {
  skipAttachments: boolean;
  keepPermanently: boolean;
  fileNamePrefix: string | undefined;
}

/** `POST /backup-restore/restore/{space,site}`: a file among the restore files of that scope. */
export interface RestoreRequest {
  fileName: string | undefined;
  skipReindex: boolean;
}

export const fileNamePrefixRule = 'fileNamePrefix must be 1 to 64 letters, digits, - or _';

// The prefix becomes part of a file name in the backup folder: nothing that could leave it.
function prefixOf(value = 'backup'): string {
  if (!/^[\w-]{1,64}$/.test(value)) throw badRequest(fileNamePrefixRule, { field: 'fileNamePrefix' });
  return value;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-').replace('T', '-').slice(0, 23);

async function enqueue(
  deps: ServiceDeps,
  principal: Principal,
  job: {
    operation: JobOperation;
    scope: JobScope;
    spaceKeys: string[];
    settings: JsonObject;
    fileName: string;
  },
): Promise<BackupJob> {
  return deps.store.transaction(async (repositories) => {
    const created = await repositories.backupJobs.insert({
      ...job,
      ownerId: principal.kind === 'user' ? principal.user.id : null,
      createdAtMs: deps.clock.nowMs(),
    });
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Administration',
      summary: `${job.scope === 'SITE' ? 'Site' : 'Space'} ${job.operation === 'BACKUP' ? 'backup' : 'restore'} queued`,
      objectType: 'backup job',
      objectId: String(created.id),
      objectName: job.fileName,
      changes: [{ name: 'Spaces', before: '', after: job.spaceKeys.join(', ') }],
    });
    return created;
  });
}

/** `POST /backup-restore/backup/space`: queues a backup of the named spaces (which must exist). */
export async function startSpaceBackup(
  deps: ServiceDeps,
  principal: Principal,
  request: SpaceBackupRequest,
): Promise<BackupJob> {
  requireAdministrator(principal);
  if (request.spaceKeys.length === 0) {
    throw badRequest('spaceKeys must list at least one space key', { field: 'spaceKeys' });
  }
  const spaceKeys: string[] = [];
  for (const key of new Set(request.spaceKeys)) {
    const space = await deps.store.spaces.findByKey(key);
    if (!space) throw notFound(`No space with key ${key}`, { spaceKey: key });
    spaceKeys.push(space.key);
  }
  const settings = {
    spaceKeys,
    keepPermanently: request.keepPermanently,
    fileNamePrefix: prefixOf(request.fileNamePrefix),
  };
  const fileName = `${settings.fileNamePrefix}-${spaceKeys.join('-').slice(0, 80)}-${stamp(deps.clock.nowMs())}.zip`;
  return enqueue(deps, principal, { operation: 'BACKUP', scope: 'SPACE', spaceKeys, settings, fileName });
}

/**
 * `POST /backup-restore/backup/site`: queues a backup of every space. A site backup already queued or
 * running is a 409, as in DC.
 */
export async function startSiteBackup(
  deps: ServiceDeps,
  principal: Principal,
  request: SiteBackupRequest,
): Promise<BackupJob> {
  requireAdministrator(principal);
  const running = await deps.store.backupJobs.list(
    { scope: 'SITE', operation: 'BACKUP', states: ['QUEUED', 'PROCESSING', 'COMPLETING', 'CANCELLING'] },
    1,
  );
  if (running.length > 0) throw conflict(`Site backup job ${running[0]?.id} is already queued or running`);
  const settings = {
    skipAttachments: request.skipAttachments,
    keepPermanently: request.keepPermanently,
    fileNamePrefix: prefixOf(request.fileNamePrefix),
  };
  const fileName = `${settings.fileNamePrefix}-site-${stamp(deps.clock.nowMs())}.zip`;
  return enqueue(deps, principal, { operation: 'BACKUP', scope: 'SITE', spaceKeys: [], settings, fileName });
}

/**
 * `POST /backup-restore/restore/{space,site}`: queues a restore of a file waiting among the restore
 * files of that scope (uploaded, or put there by an administrator). The file is checked now; its spaces
 * when the job runs.
 */
export async function startRestore(
  deps: ServiceDeps,
  principal: Principal,
  scope: JobScope,
  request: RestoreRequest,
): Promise<BackupJob> {
  requireAdministrator(principal);
  const { fileName } = request;
  if (!fileName) throw badRequest('fileName is required', { field: 'fileName' });
  const reader = await deps.backupArchives.openRestoreFile(scope, fileName);
  await reader.close();
  const settings = { fileName, skipReindex: request.skipReindex };
  return enqueue(deps, principal, { operation: 'RESTORE', scope, spaceKeys: [], settings, fileName });
}

/** `POST /backup-restore/restore/{space,site}/upload`: keeps the uploaded zip, then queues its restore. */
export async function uploadAndStartRestore(
  deps: ServiceDeps,
  principal: Principal,
  scope: JobScope,
  parts: AsyncIterable<UploadPart>,
): Promise<BackupJob> {
  requireAdministrator(principal);
  let fileName: string | undefined;
  for await (const part of parts) {
    if (part.kind !== 'file') continue;
    if (part.fieldName === 'file' && fileName === undefined) {
      await deps.backupArchives.saveRestoreFile(scope, part.filename, part.bytes);
      fileName = part.filename;
    } else {
      // Parts are read in order: one left unread would hold up the rest of the body.
      for await (const _ of part.bytes);
    }
  }
  if (fileName === undefined) {
    throw badRequest("The multipart body needs the archive in a part named 'file'", { field: 'file' });
  }
  return startRestore(deps, principal, scope, { fileName, skipReindex: false });
}
