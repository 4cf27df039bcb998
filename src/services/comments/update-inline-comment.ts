import type { Content } from '../../domain/content.ts';
import type { ContentBodyInput } from '../../domain/content-rules.ts';
import { badRequest } from '../../domain/errors.ts';
import type { ResolutionStatus } from '../../domain/inline-comment.ts';
import type { Principal } from '../../domain/principal.ts';
import { updateContent } from '../content/update-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireCreate } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type CommentVersionInput, requireCommentAt } from './footer-comment.ts';

/** The version is read only with a body. */
export interface InlineCommentUpdateInput extends CommentVersionInput {
  body?: ContentBodyInput | undefined;
  /** `resolved`: true resolves the comment, false reopens it. */
  resolved?: boolean | undefined;
}

/**
 * `PUT /wiki/api/v2/inline-comments/{comment-id}`: a new version of the body (its author's, through
 * updateContent), and/or resolving or reopening the thread, which anyone who may comment in the space
 * may do, as in Confluence. Only a top-level comment is resolved; its replies follow it.
 */
export async function updateInlineComment(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: InlineCommentUpdateInput,
): Promise<Content> {
  const hasBody = input.body !== undefined;
  if (!hasBody && input.resolved === undefined) {
    throw badRequest('An inline comment update needs a body or resolved', { field: 'body' });
  }
  const comment = await requireCommentAt(deps, principal, id, 'inline');
  const resolved = input.resolved;
  if (resolved !== undefined) {
    if (comment.parentId !== null) {
      throw badRequest('Only a top-level inline comment is resolved or reopened', { field: 'resolved' });
    }
    await requireCreate(deps, principal, comment.spaceId ?? 0, { type: 'comment' });
  }
  const updated = hasBody
    ? await updateContent(deps, principal, id, {
        versionNumber: input.versionNumber,
        body: input.body,
        message: input.message,
      })
    : comment;
  if (resolved === undefined) return updated;
  const anchor = await deps.store.inlineComments.find(id);
  const wasResolved = anchor?.resolutionStatus === 'resolved';
  // Reopening what was never resolved leaves it open, as it was.
  const status: ResolutionStatus | undefined = resolved ? 'resolved' : wasResolved ? 'reopened' : undefined;
  if (anchor && status && status !== anchor.resolutionStatus) {
    const modifierId = requireWriter(principal);
    await deps.store.transaction((repositories) =>
      repositories.inlineComments.setResolution(id, status, modifierId, deps.clock.nowMs()),
    );
  }
  return updated;
}
