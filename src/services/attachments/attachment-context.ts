import type { Content, ContentStatus } from '../../domain/content.ts';
import { type ContentRelations, emptyRelations, loadUsers } from '../content/load-relations.ts';
import type { ServiceDeps } from '../deps.ts';

/** What v2 shows of an attachment beyond the attachment itself. */
export interface AttachmentContext {
  /** The page, blog post or comment each attachment sits on, by container id (v2 names its type). */
  containers: Map<number, Content>;
  /** The status each attachment is seen with, by attachment id (see `seenStatusOf`). */
  statuses: Map<number, ContentStatus>;
  /** Version authors, and any other users asked for (v2 shows account ids). */
  relations: ContentRelations;
}

/**
 * An attachment goes to the trash with its page (issue 4, item 8): while the container is trashed, a
 * current or archived attachment on it is seen as trashed. An older version stays `historical`.
 */
export function seenStatusOf(attachment: Content, container: Content | undefined): ContentStatus {
  const live = attachment.status === 'current' || attachment.status === 'archived';
  return live && container?.status === 'trashed' ? 'trashed' : attachment.status;
}

export async function loadAttachmentContext(
  deps: ServiceDeps,
  attachments: readonly Content[],
  otherUserIds: Iterable<number | null> = [],
): Promise<AttachmentContext> {
  const containers = new Map<number, Content>();
  const statuses = new Map<number, ContentStatus>();
  for (const attachment of attachments) {
    const containerId = attachment.containerId;
    if (containerId !== null && !containers.has(containerId)) {
      const container = await deps.store.content.findById(containerId);
      if (container) containers.set(containerId, container);
    }
    const container = containerId === null ? undefined : containers.get(containerId);
    statuses.set(attachment.id, seenStatusOf(attachment, container));
  }
  const relations = await loadUsers(
    deps,
    [...attachments.map((attachment) => attachment.version.authorId), ...otherUserIds],
    emptyRelations(),
  );
  return { containers, statuses, relations };
}
