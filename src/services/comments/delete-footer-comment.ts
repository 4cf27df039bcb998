import type { Principal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireFooterComment } from './footer-comment.ts';

/** `DELETE /wiki/api/v2/footer-comments/{comment-id}`: comments have no trash, so this purges it and its replies. */
export async function deleteFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<void> {
  await requireFooterComment(deps, principal, id);
  await deleteContent(deps, principal, id, { purge: true });
}
