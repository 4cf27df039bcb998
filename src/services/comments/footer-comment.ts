import type { Content, ContentStatus } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The footer comment with this id: an inline comment, or any other content, is as missing on
 * `/footer-comments/{id}` as no content at all (the v2 spec's 404).
 */
export async function requireFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses: readonly ContentStatus[] = ['current', 'draft'],
): Promise<Content> {
  const comment = await requireContentOfType(deps, principal, { id, types: ['comment'] }, statuses);
  if (comment.commentLocation === 'inline') {
    throw notFound(`No footer comment found with id : ${id}`, { contentId: id });
  }
  return comment;
}
