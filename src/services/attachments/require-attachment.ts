import type { Content, ContentStatus } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { canViewContent } from '../permissions/policy.ts';

// The Extender's wording for an unknown id (seed 000); a page's id, or one the caller cannot see, reads the same.
const noSuchAttachment = (id: number) =>
  notFound(`attachment with id '${id}' does not exist`, { attachmentId: id });

/** An attachment by id with one of `statuses`, that the caller may see (404 otherwise, §0.2). */
export async function requireAttachment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses: readonly ContentStatus[],
): Promise<Content> {
  const attachment = await deps.store.content.findById(id);
  const found =
    attachment?.type === 'attachment' &&
    statuses.includes(attachment.status) &&
    (await canViewContent(deps, principal, attachment));
  if (!found || !attachment) throw noSuchAttachment(id);
  return attachment;
}

/**
 * An attachment addressed through its container (`/content/{id}/child/attachment/{attachmentId}`): the
 * container must be visible and live, and the attachment must sit on it, else 404.
 */
export async function requireAttachmentOn(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentId: number,
  statuses: readonly ContentStatus[],
): Promise<{ container: Content; attachment: Content }> {
  const container = await requireVisibleContent(deps, principal, containerId, ['current', 'draft']);
  const attachment = await deps.store.content.findById(attachmentId);
  const onContainer =
    attachment?.type === 'attachment' &&
    attachment.containerId === container.id &&
    statuses.includes(attachment.status);
  if (!onContainer || !attachment) {
    throw notFound(`No attachment ${attachmentId} on content ${containerId}`, { attachmentId, containerId });
  }
  return { container, attachment };
}
