import type { CommentLocation } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';
import { requireCommentAt } from './footer-comment.ts';

/** v2 `GET /footer-comments/{id}/operations` and the inline one: what the caller may do to a comment. */
export async function listCommentOperations(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  location: CommentLocation = 'footer',
): Promise<ContentOperation[]> {
  return permittedContentOperations(deps, principal, await requireCommentAt(deps, principal, id, location));
}
