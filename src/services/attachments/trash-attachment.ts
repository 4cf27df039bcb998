import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireAttachmentOn } from './require-attachment.ts';

/**
 * DC `DELETE /content/{id}/child/attachment/{attachmentId}`: a current attachment of that container goes
 * to the trash, as the generic content delete does it (api-reference.md §1.6); purging stays a trash action.
 */
export async function trashAttachment(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentId: number,
): Promise<Content> {
  requireWriter(principal);
  const { attachment } = await requireAttachmentOn(deps, principal, containerId, attachmentId, ['current']);
  await deleteContent(deps, principal, attachmentId, { purge: false, types: ['attachment'] });
  return attachment;
}
