import type { Content, ContentStatus } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAttachment } from './require-attachment.ts';

// Addressed by id, a trashed attachment is still shown (with its status), as Cloud shows a trashed page.
export const readableAttachmentStatuses: readonly ContentStatus[] = ['current', 'archived', 'trashed'];

/**
 * v2 `GET /attachments/{id}`: the attachment, or as it was at an older version (status `historical`,
 * with that version's name and file), as `getContent` shows other content.
 */
export async function getAttachment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber?: number | undefined,
): Promise<Content> {
  const attachment = await requireAttachment(deps, principal, id, readableAttachmentStatuses);
  if (versionNumber === undefined || versionNumber === attachment.version.number) return attachment;
  const version = await deps.store.content.findVersion(id, versionNumber);
  if (!version) {
    throw notFound(`Version ${versionNumber} of attachment with id '${id}' does not exist`, {
      attachmentId: id,
      versionNumber,
    });
  }
  return { ...attachment, status: 'historical', title: version.title, version };
}
