import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter, ContentSort } from '../../ports/content-store.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireFooterComment } from './footer-comment.ts';

export type CommentSort = Extract<
  ContentSort,
  'created-date' | '-created-date' | 'modified-date' | '-modified-date'
>;

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
  container: { id: number; type: Extract<ContentType, 'page' | 'blogpost' | 'attachment'> },
  statuses: readonly ContentStatus[],
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const found = await requireContentOfType(deps, principal, { id: container.id, types: [container.type] });
  return deps.store.content.listKeyset(
    { ...footerComments(statuses), containerId: found.id, parentId: null },
    window,
  );
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
