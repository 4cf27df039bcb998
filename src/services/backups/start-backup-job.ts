import type { BackupJob, JobOperation, JobScope } from '../../domain/backup-job.ts';
import { badRequest, conflict, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { UploadPart } from '../attachments/upload-attachments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

type JsonObject = Record<string, unknown>;

const objectOf = (body: unknown): JsonObject => {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The body must be a JSON object');
  return body as JsonObject;
};

function flagOf(body: JsonObject, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false`, { field });
  return value;
}

function prefixOf(body: JsonObject): string {
  const value = body.fileNamePrefix ?? 'backup';
  if (typeof value !== 'string' || !/^[\w-]{1,64}$/.test(value)) {
    throw badRequest('fileNamePrefix must be 1 to 64 letters, digits, - or _', { field: 'fileNamePrefix' });
  }
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
  raw: unknown,
): Promise<BackupJob> {
  requireAdministrator(principal);
  const body = objectOf(raw);
  const keys = body.spaceKeys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'string')) {
    throw badRequest('spaceKeys must list at least one space key', { field: 'spaceKeys' });
  }
  const spaceKeys: string[] = [];
  for (const key of new Set(keys as string[])) {
    const space = await deps.store.spaces.findByKey(key);
    if (!space) throw notFound(`No space with key ${key}`, { spaceKey: key });
    spaceKeys.push(space.key);
  }
  const settings = {
    spaceKeys,
    keepPermanently: flagOf(body, 'keepPermanently'),
    fileNamePrefix: prefixOf(body),
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
  raw: unknown,
): Promise<BackupJob> {
  requireAdministrator(principal);
  const body = objectOf(raw);
  const running = await deps.store.backupJobs.list(
    { scope: 'SITE', operation: 'BACKUP', states: ['QUEUED', 'PROCESSING', 'COMPLETING', 'CANCELLING'] },
    1,
  );
  if (running.length > 0) throw conflict(`Site backup job ${running[0]?.id} is already queued or running`);
  const settings = {
    skipAttachments: flagOf(body, 'skipAttachments'),
    keepPermanently: flagOf(body, 'keepPermanently'),
    fileNamePrefix: prefixOf(body),
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
  raw: unknown,
): Promise<BackupJob> {
  requireAdministrator(principal);
  const body = objectOf(raw);
  const fileName = body.fileName ?? body.filename;
  if (typeof fileName !== 'string' || fileName === '')
    throw badRequest('fileName is required', { field: 'fileName' });
  const reader = await deps.backupArchives.openRestoreFile(scope, fileName);
  await reader.close();
  const settings = { fileName, skipReindex: flagOf(body, 'skipReindex') };
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
  return startRestore(deps, principal, scope, { fileName });
}
