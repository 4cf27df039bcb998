import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf, ContentBodyField, VersionField } from './common.ts';

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
export const FooterCommentCreateBody = BodyOf({
  pageId: BodyField('the page commented on'),
  blogPostId: BodyField('the blog post commented on'),
  attachmentId: BodyField('the attachment commented on'),
  customContentId: BodyField('the custom content commented on'),
  parentCommentId: BodyField('the comment replied to'),
  body: ContentBodyField,
});

/** `UpdateFooterCommentModel` and `UpdateInlineCommentModel`. */
export const CommentUpdateBody = BodyOf({
  version: VersionField,
  body: ContentBodyField,
  resolved: BodyField('inline comments: whether the thread is resolved'),
});

/** `CreateInlineCommentModel`: a page, blog post or parent comment, and where in the text it sits. */
export const InlineCommentCreateBody = BodyOf({
  pageId: BodyField('the page commented on'),
  blogPostId: BodyField('the blog post commented on'),
  parentCommentId: BodyField('the comment replied to'),
  body: ContentBodyField,
  inlineCommentProperties: BodyField('{ textSelection, textSelectionMatchCount, textSelectionMatchIndex }'),
});
