import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { conflict, contentNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { contentWebhookEvent } from '../../domain/webhook.ts';
import type { ContentRepository } from '../../ports/content-store.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { seenStatusOf } from '../attachments/attachment-context.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import { removeUnusedBlob } from '../blobs/remove-unused-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

export interface DeleteContentOptions {
  /** `DELETE ...?status=trashed` (v1) or `?purge=true` (v2): purge an item that is already in the trash. */
  purge: boolean;
  /** v2 paths name the type (`/pages/{id}`): another type there is as missing as no content at all. */
  types?: readonly ContentType[] | undefined;
  /**
   * v2 `draft=true` discards a draft and only a draft; `false` leaves drafts alone (404), as Cloud asks
   * for the flag to delete one. v1 leaves it undefined and deletes either.
   */
  draft?: boolean | undefined;
}

export type DeleteOutcome = 'trashed' | 'purged';

/**
 * Current pages, blog posts and attachments go to the trash; purging takes an item from the trash away
 * for good, with everything under it. Comments and drafts have no trash and are purged at once.
 */
export async function deleteContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  options: DeleteContentOptions,
): Promise<DeleteOutcome> {
  requireWriter(principal);
  const content = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  const wrongType = options.types !== undefined && !options.types.includes(content.type);
  const wrongDraftness = options.draft !== undefined && options.draft !== (content.status === 'draft');
  if (wrongType || wrongDraftness) throw contentNotFound(id);
  // An attachment on a trashed page is shown as trashed, and is treated as it is shown.
  const status = await seenStatus(deps.store.content, content);
  const purgeNow = content.type === 'comment' || status === 'draft';
  if (status === 'trashed' && !options.purge) {
    throw contentNotFound(id);
  }
  // Purging from the trash is for space administrators; comments and drafts, which have no trash, go
  // with the right to delete them.
  await requireRight(deps, principal, content, status === 'trashed' ? 'purge' : 'delete');
  if (status === 'current' && !purgeNow) {
    await deps.store.transaction(async (repositories) => {
      await requireStatusUnchanged(repositories, id, status);
      await repositories.content.setPlace(id, { status: 'trashed' }, deps.clock.nowMs());
      await recordAudit(repositories, deps.clock, principal, {
        category: content.type === 'attachment' ? 'Attachments' : 'Content',
        summary: `${auditNoun(content.type)} moved to trash`,
        content,
        webhookEvent: contentWebhookEvent(content.type, 'trashed'),
        changes: [{ name: 'Status', before: content.status, after: 'trashed' }],
      });
    });
    return 'trashed';
  }
  await purgeContent(deps, principal, id, status);
  return 'purged';
}

/** The status an item is shown with: an attachment's follows its page into the trash (`seenStatusOf`). */
async function seenStatus(content: ContentRepository, item: Content) {
  if (item.type !== 'attachment' || item.containerId === null) return item.status;
  return seenStatusOf(item, await content.findById(item.containerId));
}

/**
 * The decision to trash or purge was made on the status shown; a restore or trash since then, of the
 * item or of the page an attachment is on, makes it stale.
 */
async function requireStatusUnchanged(repositories: MetadataRepositories, id: number, status: ContentStatus) {
  const latest = await repositories.content.findById(id);
  if (!latest) throw contentNotFound(id);
  const shown = await seenStatus(repositories.content, latest);
  if (shown !== status) {
    throw conflict(`Content ${id} changed status to ${shown} meanwhile; read it again`);
  }
}

/**
 * Removes an item and everything under it, then the blobs nothing else uses. With `expectedStatus`, the
 * item must still be shown with it when the transaction runs (a page restored meanwhile is not purged,
 * nor an attachment whose page was).
 */
export async function purgeContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  expectedStatus?: ContentStatus,
): Promise<void> {
  const blobs = await deps.store.transaction(async (repositories) => {
    if (expectedStatus !== undefined) await requireStatusUnchanged(repositories, id, expectedStatus);
    const hashes = await repositories.content.blobsUnder(id);
    const content = await repositories.content.findById(id);
    await repositories.content.remove(id);
    await recordAudit(repositories, deps.clock, principal, {
      category: content?.type === 'attachment' ? 'Attachments' : 'Content',
      summary: `${auditNoun(content?.type ?? 'content')} purged`,
      ...(content ? { content } : { objectType: 'content', objectId: String(id) }),
      // A draft was never published, so its removal is news to no listener.
      webhookEvent:
        content && content.status !== 'draft' ? contentWebhookEvent(content.type, 'removed') : undefined,
      changes: [{ name: 'Status', before: content?.status, after: 'purged' }],
    });
    return hashes;
  });
  for (const sha256 of blobs) await removeUnusedBlob(deps, sha256);
}
