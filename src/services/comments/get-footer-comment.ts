import type { CommentLocation, Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { getContent } from '../content/get-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireCommentAt } from './footer-comment.ts';

/**
 * `GET /wiki/api/v2/footer-comments/{comment-id}` (and the inline one, with `location`), optionally as it
 * was at an earlier version.
 */
export async function getFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber?: number,
  location: CommentLocation = 'footer',
): Promise<Content> {
  const comment = await requireCommentAt(deps, principal, id, location);
  if (versionNumber === undefined) return comment;
  return getContent(deps, principal, id, { statuses: [comment.status], versionNumber });
}
