import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';
import { readableAttachmentStatuses } from './get-attachment.ts';
import { requireAttachment } from './require-attachment.ts';

/** v2 `GET /attachments/{id}/operations`: what the caller may do to an attachment they can see. */
export async function listAttachmentOperations(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<ContentOperation[]> {
  const attachment = await requireAttachment(deps, principal, id, readableAttachmentStatuses);
  return permittedContentOperations(deps, principal, attachment);
}
