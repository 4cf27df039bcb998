import type { Content } from '../../domain/content.ts';
import type { ContentBodyInput } from '../../domain/content-rules.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { updateContent } from '../content/update-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { type CommentVersionInput, requireFooterComment } from './footer-comment.ts';

export interface FooterCommentUpdateInput extends CommentVersionInput {
  body?: ContentBodyInput | undefined;
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
    versionNumber: input.versionNumber,
    body: input.body,
    message: input.message,
  });
}
