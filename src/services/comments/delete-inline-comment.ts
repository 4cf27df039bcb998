import type { Principal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireCommentAt } from './footer-comment.ts';

/**
 * `DELETE /wiki/api/v2/inline-comments/{comment-id}`: purged with its replies and anchor, as footer
 * comments are. The marker stays in the page body, as Confluence leaves it: the body is the page
 * author's, and a marker no comment answers is only a span.
 */
export async function deleteInlineComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<void> {
  await requireCommentAt(deps, principal, id, 'inline');
  await deleteContent(deps, principal, id, { purge: true });
}
