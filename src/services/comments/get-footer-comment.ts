import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { getContent } from '../content/get-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireFooterComment } from './footer-comment.ts';

/** `GET /wiki/api/v2/footer-comments/{comment-id}`, optionally as it was at an earlier version. */
export async function getFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber?: number,
): Promise<Content> {
  const comment = await requireFooterComment(deps, principal, id);
  if (versionNumber === undefined) return comment;
  return getContent(deps, principal, id, { statuses: [comment.status], versionNumber });
}
