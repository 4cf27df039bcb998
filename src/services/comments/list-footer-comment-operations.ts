import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentOperation, permittedContentOperations } from '../permissions/content-operations.ts';
import { requireFooterComment } from './footer-comment.ts';

/** v2 `GET /footer-comments/{id}/operations`: what the caller may do to a comment they can see. */
export async function listFooterCommentOperations(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<ContentOperation[]> {
  return permittedContentOperations(deps, principal, await requireFooterComment(deps, principal, id));
}
