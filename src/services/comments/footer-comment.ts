import type { CommentLocation, Content, ContentStatus } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

/** A comment's next version: the current number plus one (409 otherwise), and its note. */
export interface CommentVersionInput {
  versionNumber?: number | undefined;
  message?: string | undefined;
}

/**
 * The comment with this id at that location: on `/footer-comments/{id}` an inline comment, or any other
 * content, is as missing as no content at all (the v2 spec's 404), and the other way round. Comments made
 * before locations were kept count as footer comments.
 */
export async function requireCommentAt(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  location: CommentLocation,
  statuses: readonly ContentStatus[] = ['current', 'draft'],
): Promise<Content> {
  const comment = await requireContentOfType(deps, principal, { id, types: ['comment'] }, statuses);
  if ((comment.commentLocation ?? 'footer') !== location) {
    throw notFound(`No ${location} comment found with id : ${id}`, { contentId: id });
  }
  return comment;
}

export function requireFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses?: readonly ContentStatus[],
): Promise<Content> {
  return requireCommentAt(deps, principal, id, 'footer', statuses);
}
