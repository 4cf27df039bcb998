import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import { ascending, type KeysetSlice, type KeysetSort, type KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter, ContentSort } from '../../ports/content-store.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireFooterComment } from './footer-comment.ts';

export type CommentSort = KeysetSort<Extract<ContentSort['by'], 'created' | 'modified'>>;

const footerComments = (statuses: readonly ContentStatus[]): ContentFilter => ({
  types: ['comment'],
  commentLocation: 'footer',
  statuses,
});

/**
 * `GET /wiki/api/v2/pages/{id}/footer-comments` and the blog post and attachment ones: the top-level
 * comments; replies are listed under their comment (`/footer-comments/{id}/children`).
 */
export async function listFooterCommentsOn(
  deps: ServiceDeps,
  principal: Principal,
  container: {
    id: number;
    type: Extract<ContentType, 'page' | 'blogpost' | 'attachment' | 'custom'>;
    /** An attachment's version: only the comments made while it was the current one. */
    versionNumber?: number | undefined;
  },
  statuses: readonly ContentStatus[],
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const found = await requireContentOfType(deps, principal, { id: container.id, types: [container.type] });
  const filter: ContentFilter = { ...footerComments(statuses), containerId: found.id, parentId: null };
  if (container.versionNumber !== undefined) {
    filter.createdBetweenMs = await whileCurrent(deps, found, container.versionNumber);
  }
  return deps.store.content.listKeyset(filter, window);
}

/**
 * From the making of a version to the making of the next one (still open for the current version).
 * Comments keep no version of their own, so the time they were made says which version they were on.
 */
async function whileCurrent(deps: ServiceDeps, content: Content, versionNumber: number) {
  const version = await deps.store.content.findVersion(content.id, versionNumber);
  if (!version) {
    throw notFound(`No version ${versionNumber} of content ${content.id}`, { contentId: content.id });
  }
  const [next] = (
    await deps.store.content.listVersionsKeyset(content.id, {
      sort: ascending('modified'),
      after: { sortValue: versionNumber, id: versionNumber },
      limit: 1,
    })
  ).items;
  return { fromMs: version.createdAtMs, toMs: next?.createdAtMs ?? Number.MAX_SAFE_INTEGER };
}

/** `GET /wiki/api/v2/footer-comments/{id}/children`: the direct replies to a comment. */
export async function listFooterCommentReplies(
  deps: ServiceDeps,
  principal: Principal,
  commentId: number,
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const parent = await requireFooterComment(deps, principal, commentId);
  return deps.store.content.listKeyset({ ...footerComments(['current']), parentId: parent.id }, window);
}

/** `GET /wiki/api/v2/footer-comments`: every footer comment in the spaces the caller may see. */
export async function listAllFooterComments(
  deps: ServiceDeps,
  principal: Principal,
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.listKeyset({ ...footerComments(['current']), viewer }, window);
}
