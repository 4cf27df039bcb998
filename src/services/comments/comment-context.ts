import type { Content, ContentType } from '../../domain/content.ts';
import type { InlineAnchor } from '../../domain/inline-comment.ts';
import { type ContentRelations, emptyRelations, loadUsers } from '../content/load-relations.ts';
import type { ServiceDeps } from '../deps.ts';

/** What v2 shows of a comment beyond the comment itself: its container's type and its author. */
export interface CommentContext {
  /** Keyed by container id: v2 names the container `pageId` or `blogPostId`. */
  containerTypes: Map<number, ContentType>;
  /** The version authors and whoever last resolved or reopened (v2 shows their account ids). */
  relations: ContentRelations;
  /** Inline comments' anchors and resolution, by comment id. */
  anchors: Map<number, InlineAnchor>;
}

export async function loadCommentContext(
  deps: ServiceDeps,
  comments: readonly Content[],
): Promise<CommentContext> {
  const containerTypes = new Map<number, ContentType>();
  for (const comment of comments) {
    if (comment.containerId === null || containerTypes.has(comment.containerId)) continue;
    const container = await deps.store.content.findById(comment.containerId);
    if (container) containerTypes.set(container.id, container.type);
  }
  const inline = comments.filter((comment) => comment.commentLocation === 'inline');
  const anchors = await deps.store.inlineComments.findMany(inline.map((comment) => comment.id));
  const relations = await loadUsers(
    deps,
    [
      ...comments.map((comment) => comment.version.authorId),
      ...[...anchors.values()].map((anchor) => anchor.resolutionModifierId),
    ],
    emptyRelations(),
  );
  return { containerTypes, relations, anchors };
}
