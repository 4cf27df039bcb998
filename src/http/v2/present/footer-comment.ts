import type { Content, ContentVersion } from '../../../domain/content.ts';
import type { CommentContext } from '../../../services/comments/comment-context.ts';
import type { CommentIncludes } from '../../../services/comments/load-comment-includes.ts';
import { convertBody } from '../../../services/content/convert-body.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';
import { included, v2AttachmentIdOf } from './attachment.ts';
import { presentV2ContentProperty } from './content-property.ts';
import { presentV2Operation } from './operations.ts';
import { presentV2Version } from './page.ts';

export interface V2CommentOptions {
  context: CommentContext;
  /** `body-format`: the body is shown only in the format asked for (`body: {}` when none is). */
  bodyFormat?: string | undefined;
  /** `include-version`, true unless turned off. */
  includeVersion?: boolean;
  /** A single comment names the site's base in its `_links`. */
  root?: boolean;
  /** What `include-*` asked for (a single comment only). */
  includes?: CommentIncludes | undefined;
}

const presentOperation = presentV2Operation('comment');

/** `properties`, `operations`, `likes` and `versions`, each the first page of its list, as asked. */
function includedOf(comment: Content, surface: Surface, options: V2CommentOptions) {
  const includes = options.includes;
  if (!includes) return {};
  const { relations } = options.context;
  const collection = comment.commentLocation === 'inline' ? 'inline-comments' : 'footer-comments';
  const self = (name: string) => `${surface.context}/api/v2/${collection}/${comment.id}/${name}`;
  const { properties, operations, likes, versions } = includes;
  return {
    ...(properties && {
      properties: included(
        properties,
        (property) =>
          presentV2ContentProperty(
            property,
            property.authorId === null ? undefined : relations.users.get(property.authorId)?.accountId,
          ),
        self('properties'),
      ),
    }),
    ...(operations && {
      operations: included({ items: operations, next: undefined }, presentOperation, self('operations')),
    }),
    ...(likes && { likes: included(likes, (user) => ({ accountId: user.accountId }), self('likes')) }),
    ...(versions && {
      versions: included(
        versions,
        (version) => presentV2Version(version, { surface, relations }),
        self('versions'),
      ),
    }),
  };
}

function bodyOf(comment: Content, format: string | undefined, surface: Surface) {
  if (format === undefined) return {};
  const stored = comment.version.body ?? { representation: 'storage', value: '' };
  const rendered = convertBody(stored, format, { context: surface.context, contentId: comment.containerId });
  return { [format]: { representation: rendered.representation, value: rendered.value } };
}

/**
 * `FooterCommentModel` of the v2 spec; it carries every field of the page, blog post and children list
 * shapes (`PageCommentModel`, `BlogPostCommentModel`, `ChildrenCommentModel`), so one shape serves all.
 */
export function presentV2FooterComment(comment: Content, surface: Surface, options: V2CommentOptions) {
  const { context } = options;
  const containerType =
    comment.containerId === null ? undefined : context.containerTypes.get(comment.containerId);
  const container = String(comment.containerId);
  return {
    id: String(comment.id),
    status: comment.status,
    title: comment.title,
    ...(containerType === 'page' && { pageId: container }),
    ...(containerType === 'blogpost' && { blogPostId: container }),
    ...(containerType === 'attachment' && { attachmentId: v2AttachmentIdOf(Number(comment.containerId)) }),
    ...(containerType === 'custom' && { customContentId: container }),
    ...(comment.parentId !== null && { parentCommentId: String(comment.parentId) }),
    ...(options.includeVersion !== false && {
      version: presentV2Version(comment.version, { surface, relations: context.relations }),
    }),
    body: bodyOf(comment, options.bodyFormat, surface),
    ...includedOf(comment, surface, options),
    _links: {
      webui: `/pages/viewpage.action?pageId=${container}&focusedCommentId=${comment.id}#comment-${comment.id}`,
      ...(options.root && { base: surface.base }),
    },
  };
}

/**
 * `InlineCommentModel` (and the page, blog post and children shapes): a footer comment's fields with the
 * thread's resolution and, under `properties`, the marker it is anchored to and the text selected. A
 * comment made inline over v1 has no anchor, and shows as open.
 */
export function presentV2InlineComment(comment: Content, surface: Surface, options: V2CommentOptions) {
  const anchor = options.context.anchors.get(comment.id);
  const modifierId = anchor?.resolutionModifierId;
  const modifier =
    modifierId === null || modifierId === undefined
      ? undefined
      : options.context.relations.users.get(modifierId)?.accountId;
  const modifiedAtMs = anchor?.resolutionModifiedAtMs;
  const shown = presentV2FooterComment(comment, surface, options);
  return {
    ...shown,
    resolutionStatus: anchor?.resolutionStatus ?? 'open',
    ...(modifier !== undefined && { resolutionLastModifierId: modifier }),
    ...(modifiedAtMs !== null &&
      modifiedAtMs !== undefined && { resolutionLastModifiedAt: isoOf(modifiedAtMs) }),
    // The spec puts the anchor beside the included properties, in the same object.
    properties: {
      ...('properties' in shown && shown.properties),
      ...(anchor && { inlineMarkerRef: anchor.markerRef, inlineOriginalSelection: anchor.originalSelection }),
    },
  };
}

/** `CommentVersion`: the version and, under `comment`, what it versions. */
export function presentV2CommentVersion(
  comment: Content,
  version: ContentVersion,
  surface: Surface,
  options: V2CommentOptions,
) {
  return {
    ...presentV2Version(version, { surface, relations: options.context.relations }),
    comment: {
      id: String(comment.id),
      title: version.title,
      ...(options.bodyFormat && { body: bodyOf({ ...comment, version }, options.bodyFormat, surface) }),
    },
  };
}
