import type { Content } from '../../domain/content.ts';
import type { ContentBodyInput } from '../../domain/content-rules.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { createContent } from '../content/create-content.ts';
import { requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireFooterComment } from './footer-comment.ts';

export interface NewFooterCommentInput {
  pageId?: number | undefined;
  blogPostId?: number | undefined;
  attachmentId?: number | undefined;
  parentCommentId?: number | undefined;
  customContentId?: number | undefined;
  body?: ContentBodyInput | undefined;
}

/**
 * `POST /wiki/api/v2/footer-comments`: a top-level comment names its page, blog post, attachment or custom content, a reply names
 * only the comment it answers (the container is that comment's). The comment itself is made by
 * createContent, as `POST /rest/api/content` with `type: comment` makes it on v1.
 */
export async function createFooterComment(
  deps: ServiceDeps,
  principal: Principal,
  input: NewFooterCommentInput,
): Promise<Content> {
  const containers = {
    pageId: 'page',
    blogPostId: 'blogpost',
    attachmentId: 'attachment',
    customContentId: 'custom',
  } as const;
  const named = (Object.keys(containers) as (keyof typeof containers)[]).filter(
    (key) => input[key] !== undefined,
  );
  if (named.length + (input.parentCommentId === undefined ? 0 : 1) !== 1) {
    throw badRequest(
      'Exactly one of pageId, blogPostId, attachmentId, customContentId or parentCommentId is required',
      {
        field: 'pageId',
      },
    );
  }
  if (input.body === undefined) {
    throw badRequest('A comment needs a body', { field: 'body' });
  }

  let containerId: number;
  let parentId: number | undefined;
  if (input.parentCommentId !== undefined) {
    const parent = await requireFooterComment(deps, principal, input.parentCommentId, ['current']);
    if (parent.containerId === null) throw badRequest('The parent comment belongs to no page or blog post');
    containerId = parent.containerId;
    parentId = parent.id;
  } else {
    const key = named[0] ?? 'pageId';
    const container = await requireContentOfType(deps, principal, {
      id: input[key] ?? 0,
      types: [containers[key]],
    });
    containerId = container.id;
  }
  return createContent(deps, principal, {
    type: 'comment',
    containerId,
    parentId,
    body: input.body,
    commentLocation: 'footer',
  });
}
