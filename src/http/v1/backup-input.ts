import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import {
  fileNamePrefixRule,
  type RestoreRequest,
  type SiteBackupRequest,
  type SpaceBackupRequest,
} from '../../services/backups/start-backup-job.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { RestoreBody, SiteBackupBody, SpaceBackupBody } from './schemas/backup-restore.ts';

const flags = new Set(['keepPermanently', 'skipAttachments', 'skipReindex']);

/** A refused backup or restore body, in the words its use case used before the schema checked it. */
export function backupBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  if (field === 'spaceKeys') return badRequest('spaceKeys must list at least one space key', { field });
  if (field !== undefined && flags.has(field)) return badRequest(`${field} must be true or false`, { field });
  if (field === 'fileNamePrefix') return badRequest(fileNamePrefixRule, { field });
  if (field === 'fileName' || field === 'filename') {
    return badRequest('fileName is required', { field: 'fileName' });
  }
  return badRequest('The body must be a JSON object');
}

// A field sent as null is read as not sent; a body left out as one asking for the defaults.
export const spaceBackupOf = (body: Static<typeof SpaceBackupBody>): SpaceBackupRequest => ({
  spaceKeys: body?.spaceKeys ?? [],
  keepPermanently: body?.keepPermanently ?? false,
  fileNamePrefix: body?.fileNamePrefix ?? undefined,
});

export const siteBackupOf = (body: Static<typeof SiteBackupBody>): SiteBackupRequest => ({
  skipAttachments: body?.skipAttachments ?? false,
  keepPermanently: body?.keepPermanently ?? false,
  fileNamePrefix: body?.fileNamePrefix ?? undefined,
});

export const restoreOf = (body: Static<typeof RestoreBody>): RestoreRequest => ({
  fileName: body?.fileName ?? body?.filename ?? undefined,
  skipReindex: body?.skipReindex ?? false,
});
