import type { Content } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAttachmentOn } from './require-attachment.ts';

/** At most this many attachments in one bulk download (a screen's page of rows is 100). */
export const maxBulkAttachments = 500;

/**
 * Several current attachments of one page, each checked as one would be alone (visible container, on it,
 * current): a bulk download of the attachments screen. Any one that is not there is a 404 for all.
 */
export async function requireAttachmentsOn(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentIds: readonly number[],
): Promise<Content[]> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) throw badRequest('Select at least one attachment');
  if (ids.length > maxBulkAttachments) throw badRequest(`Select at most ${maxBulkAttachments} attachments`);
  const found: Content[] = [];
  for (const id of ids) {
    found.push((await requireAttachmentOn(deps, principal, containerId, id, ['current'])).attachment);
  }
  return found;
}
