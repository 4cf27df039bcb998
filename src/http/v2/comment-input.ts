import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import type { NewFooterCommentInput } from '../../services/comments/create-footer-comment.ts';
import type { NewInlineCommentInput } from '../../services/comments/create-inline-comment.ts';
import type { InlineCommentUpdateInput } from '../../services/comments/update-inline-comment.ts';
import { refusedPathOf, schemaRefusal } from '../common/body-refusal.ts';
import { parseContentId } from '../common/content-ids.ts';
import { v2IdOf } from './path-ids.ts';
import type {
  CommentUpdateBody,
  FooterCommentCreateBody,
  InlineCommentCreateBody,
} from './schemas/comments.ts';

// `PrimaryBodyRepresentation` for lists, `PrimaryBodyRepresentationSingle` for one comment (v2 spec).
export const listFormats = ['storage', 'atlas_doc_format'];
export const singleFormats = [
  ...listFormats,
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
];

export function formatOf(raw: string | undefined, allowed: readonly string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!allowed.includes(raw)) {
    throw badRequest(`body-format must be one of ${allowed.join(', ')}, not '${raw}'`, {
      field: 'body-format',
    });
  }
  return raw;
}

/**
 * An optional id in a v2 body: a string (as the spec has it) or a number. Attachment ids are parsed with
 * `parseContentId`, which takes them as Cloud writes them (`att123`) or bare.
 */
function optionalIdOf(raw: string | number | null | undefined, name: string, parse = v2IdOf) {
  if (raw === undefined || raw === null || raw === '') return undefined;
  return parse(String(raw), name);
}

/** A refused comment body: `resolved` in the words the use case had for it, the rest in the schema's. */
export function commentBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  if (field === 'resolved') return badRequest('resolved must be true or false', { field });
  return schemaRefusal(errors);
}

export const footerCommentInputOf = (
  body: Static<typeof FooterCommentCreateBody>,
): NewFooterCommentInput => ({
  pageId: optionalIdOf(body.pageId, 'pageId'),
  blogPostId: optionalIdOf(body.blogPostId, 'blogPostId'),
  attachmentId: optionalIdOf(body.attachmentId, 'attachmentId', parseContentId),
  parentCommentId: optionalIdOf(body.parentCommentId, 'parentCommentId'),
  customContentId: optionalIdOf(body.customContentId, 'customContentId'),
  body: body.body ?? undefined,
});

export function inlineCommentInputOf(body: Static<typeof InlineCommentCreateBody>): NewInlineCommentInput {
  const properties = body.inlineCommentProperties ?? {};
  return {
    pageId: optionalIdOf(body.pageId, 'pageId'),
    blogPostId: optionalIdOf(body.blogPostId, 'blogPostId'),
    parentCommentId: optionalIdOf(body.parentCommentId, 'parentCommentId'),
    body: body.body ?? undefined,
    textSelection: properties.textSelection ?? undefined,
    textSelectionMatchCount: properties.textSelectionMatchCount ?? undefined,
    textSelectionMatchIndex: properties.textSelectionMatchIndex ?? undefined,
  };
}

/** A footer or inline comment's update; only an inline comment reads `resolved`. */
export const commentUpdateOf = (body: Static<typeof CommentUpdateBody>): InlineCommentUpdateInput => ({
  versionNumber: body.version?.number ?? undefined,
  message: body.version?.message ?? undefined,
  body: body.body ?? undefined,
  resolved: body.resolved,
});
