import type { Content } from '../../../domain/content.ts';
import type { TreeItem } from '../../../ports/content-store.ts';
import { isoOf } from '../../common/time.ts';
import { accountIdOf, presentV2Version, type V2ContentView, webuiOf } from './page.ts';

/**
 * `FolderSingle`, `WhiteboardSingle`, `DatabaseSingle`, `SmartLinkSingle`: a content-tree item without a
 * body; a Smart Link adds its `embedUrl`.
 */
export function presentV2TreeContent(content: Content, view: V2ContentView) {
  const authorId = accountIdOf(content.creatorId, view);
  return {
    id: String(content.id),
    type: content.type,
    status: content.status,
    title: content.title,
    ...(content.parentId !== null &&
      content.parentType !== null && { parentId: String(content.parentId), parentType: content.parentType }),
    position: content.position,
    ...(authorId !== undefined && { authorId, ownerId: authorId }),
    createdAt: isoOf(content.createdAtMs),
    ...(content.type === 'embed' && content.embedUrl !== null && { embedUrl: content.embedUrl }),
    spaceId: String(content.spaceId ?? ''),
    version: presentV2Version(content.version, view),
    _links: { webui: webuiOf(content, view), ...(view.root && { base: view.surface.base }) },
  };
}

/** `ChildrenResponse`: positions are not kept, so children come in the order asked and have none. */
export function presentV2DirectChild(content: Content) {
  return {
    id: String(content.id),
    status: content.status,
    title: content.title,
    type: content.type,
    spaceId: String(content.spaceId ?? ''),
    childPosition: content.position,
  };
}

/** `DescendantsResponse`. */
export function presentV2Descendant(item: TreeItem) {
  const { content } = item;
  return {
    id: String(content.id),
    status: content.status,
    title: content.title,
    type: content.type,
    ...(content.parentId !== null && { parentId: String(content.parentId) }),
    depth: item.depth,
    childPosition: content.position,
  };
}
