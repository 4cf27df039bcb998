import type { Content, ContentStatus } from '../../domain/content.ts';
import type { ResolutionStatus } from '../../domain/inline-comment.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter } from '../../ports/content-store.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireCommentAt } from './footer-comment.ts';
import type { CommentSort } from './list-footer-comments.ts';

const inlineComments = (statuses: readonly ContentStatus[]): ContentFilter => ({
  types: ['comment'],
  commentLocation: 'inline',
  statuses,
});

/**
 * `GET /wiki/api/v2/pages/{id}/inline-comments` and the blog post one: the top-level inline comments,
 * optionally only those resolved, open, reopened or dangling; replies are listed under their comment.
 */
export async function listInlineCommentsOn(
  deps: ServiceDeps,
  principal: Principal,
  container: { id: number; type: 'page' | 'blogpost' },
  filter: { statuses: readonly ContentStatus[]; resolutionStatuses: readonly ResolutionStatus[] },
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const found = await requireContentOfType(deps, principal, { id: container.id, types: [container.type] });
  return deps.store.content.listKeyset(
    {
      ...inlineComments(filter.statuses),
      containerId: found.id,
      parentId: null,
      resolutionStatuses: filter.resolutionStatuses,
    },
    window,
  );
}

/** `GET /wiki/api/v2/inline-comments/{id}/children`: the direct replies to an inline comment. */
export async function listInlineCommentReplies(
  deps: ServiceDeps,
  principal: Principal,
  commentId: number,
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const parent = await requireCommentAt(deps, principal, commentId, 'inline');
  return deps.store.content.listKeyset({ ...inlineComments(['current']), parentId: parent.id }, window);
}

/** `GET /wiki/api/v2/inline-comments`: every inline comment in the spaces the caller may see. */
export async function listAllInlineComments(
  deps: ServiceDeps,
  principal: Principal,
  window: KeysetWindow<CommentSort>,
): Promise<KeysetSlice<Content>> {
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.listKeyset({ ...inlineComments(['current']), viewer }, window);
}
