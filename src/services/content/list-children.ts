import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { viewerOf } from '../permissions/policy.ts';

export interface ChildrenOptions {
  /** Comments only: `root` (default) lists top-level comments, `all` replies too. */
  depth?: 'root' | 'all';
  location?: 'footer' | 'inline';
  statuses?: readonly ContentStatus[];
  /** Attachments only: exact file name and media type filters. */
  title?: string;
  mediaType?: string;
}

// Which child types each container can have, as Confluence answers 400 for the others.
const allowedChildren: Record<ContentType, readonly ContentType[]> = {
  page: ['page', 'comment', 'attachment'],
  blogpost: ['comment', 'attachment'],
  comment: ['attachment'],
  attachment: ['comment'],
  // Pages nest under Cloud's folders, whiteboards, databases and Smart Links as under pages.
  folder: ['page'],
  whiteboard: ['page'],
  database: ['page'],
  embed: ['page'],
  // Custom content carries attachments and footer comments (v2 `/custom-content/{id}/…`).
  custom: ['comment', 'attachment'],
};

export function allowsChildren(parent: ContentType, child: ContentType): boolean {
  return allowedChildren[parent].includes(child);
}

export function childFilter(
  parent: Content,
  type: ContentType,
  options: ChildrenOptions = {},
): ContentFilter {
  if (!allowsChildren(parent.type, type)) {
    throw badRequest(`A ${parent.type} cannot have ${type} children`);
  }
  const statuses = options.statuses ?? ['current'];
  if (type === 'page') return { types: ['page'], parentId: parent.id, statuses };
  return {
    types: [type],
    containerId: parent.id,
    statuses,
    ...(type === 'comment' && options.depth !== 'all' && { parentId: null }),
    ...(type === 'comment' && options.location && { commentLocation: options.location }),
    ...(type === 'attachment' && options.title !== undefined && { title: options.title }),
    ...(type === 'attachment' && options.mediaType !== undefined && { mediaType: options.mediaType }),
  };
}

export async function listChildren(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  type: ContentType,
  window: Window,
  options: ChildrenOptions = {},
): Promise<Slice<Content>> {
  const parent = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  // Child pages may carry read restrictions of their own.
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.list({ ...childFilter(parent, type, options), viewer }, window);
}

export async function listDescendants(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  type: ContentType,
  window: Window,
): Promise<Slice<Content>> {
  const parent = await requireVisibleContent(deps, principal, id, ['current', 'draft', 'trashed']);
  if (!allowsChildren(parent.type, type)) {
    throw badRequest(`A ${parent.type} cannot have ${type} descendants`);
  }
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.descendants(id, { types: [type], statuses: ['current'], viewer }, window);
}
