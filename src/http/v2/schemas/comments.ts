import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { Maybe } from '../../v1/schemas/common.ts';

/** An id in a comment body: a string, as the spec has it, or a number, as some clients send it. */
const CommentBodyId = (description: string) =>
  Maybe(Type.Union([Type.String(), Type.Number()], { description }));

/** `{representation, value}`, or v1's nested `{storage: {value}}`; the value is text or any JSON document. */
const CommentBody = Maybe(
  Type.Union(
    [
      Type.Object({ representation: Type.String(), value: Type.Optional(Type.Unknown()) }),
      Type.Record(Type.String(), Type.Object({ value: Type.Optional(Type.Unknown()) })),
    ],
    { description: '{ representation: storage | atlas_doc_format | wiki, value }' },
  ),
);

/** `GET /footer-comments/{id}/versions` and `GET /inline-comments/{id}/versions`. */
export const CommentVersionListQuery = queryOf('body-format', 'cursor', 'limit', 'sort');

/** `GET /footer-comments`, `GET /inline-comments` and the `…/children` of a comment. */
export const CommentListQuery = queryOf('body-format', 'sort', 'cursor', 'limit');

/**
 * `GET /{pages,blogposts,attachments,custom-content}/{id}/footer-comments`: `status` on pages and blog
 * posts, `version` (of the file) on attachments.
 */
export const FooterCommentsOfQuery = queryOf('body-format', 'status', 'version', 'sort', 'cursor', 'limit');

/** `GET /{pages,blogposts}/{id}/inline-comments`. */
export const InlineCommentsOfQuery = queryOf(
  'body-format',
  'status',
  'resolution-status',
  'sort',
  'cursor',
  'limit',
);

/** `GET /footer-comments/{comment-id}` and `GET /inline-comments/{comment-id}`. */
export const CommentQuery = queryOf(
  'body-format',
  'version',
  'include-properties',
  'include-operations',
  'include-likes',
  'include-versions',
  'include-version',
);

/** `CreateFooterCommentModel`: on one of a page, blog post, attachment, custom content or comment. */
export const FooterCommentCreateBody = Type.Object({
  pageId: CommentBodyId('the page commented on'),
  blogPostId: CommentBodyId('the blog post commented on'),
  attachmentId: CommentBodyId('the attachment commented on'),
  customContentId: CommentBodyId('the custom content commented on'),
  parentCommentId: CommentBodyId('the comment replied to'),
  body: CommentBody,
});

/** `UpdateFooterCommentModel` and `UpdateInlineCommentModel`. */
export const CommentUpdateBody = Type.Object({
  version: Type.Optional(
    Type.Object(
      { number: Maybe(Type.Number()), message: Maybe(Type.String()) },
      { description: '{ number: the current version number plus one, message? }' },
    ),
  ),
  body: CommentBody,
  resolved: Type.Optional(Type.Boolean({ description: 'inline comments: whether the thread is resolved' })),
});

/** `CreateInlineCommentModel`: a page, blog post or parent comment, and where in the text it sits. */
export const InlineCommentCreateBody = Type.Object({
  pageId: CommentBodyId('the page commented on'),
  blogPostId: CommentBodyId('the blog post commented on'),
  parentCommentId: CommentBodyId('the comment replied to'),
  body: CommentBody,
  inlineCommentProperties: Maybe(
    Type.Object({
      textSelection: Maybe(Type.String()),
      textSelectionMatchCount: Maybe(Type.Number()),
      textSelectionMatchIndex: Maybe(Type.Number()),
    }),
  ),
});
