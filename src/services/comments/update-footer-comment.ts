import type { Content } from '../../domain/content.ts';
import { bodyInputOf } from '../../domain/content-rules.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { updateContent } from '../content/update-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { type CommentBodyInput, type CommentVersionInput, requireFooterComment } from './footer-comment.ts';

export interface FooterCommentUpdateInput extends CommentVersionInput {
  body?: CommentBodyInput | undefined;
}

/** `PUT /wiki/api/v2/footer-comments/{comment-id}`: a new version of the body, through updateContent. */
export async function updateFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: FooterCommentUpdateInput,
): Promise<Content> {
  if (input.body === undefined) {
    throw badRequest('A comment update needs a body', { field: 'body' });
  }
  await requireFooterComment(deps, principal, id);
  return updateContent(deps, principal, id, {
    // Not a number is no next version: updateContent answers it as a stale one.
    versionNumber: typeof input.versionNumber === 'number' ? input.versionNumber : undefined,
    body: bodyInputOf(input.body),
    message: typeof input.message === 'string' ? input.message : undefined,
  });
}
