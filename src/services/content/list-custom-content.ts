import type { Content, ContentType } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter, ContentSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceById } from '../permissions/space-access.ts';
import { requireCursorOfSort } from './list-content.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

export interface CustomContentQuery {
  /** The app's type; every type when absent (`/custom-content/{id}/children`). */
  customType?: string | undefined;
  ids?: readonly number[];
  spaceIds?: readonly number[];
}

/** Where to look: the whole site, a space, or the page, blog post or custom content holding it. */
export type CustomContentScope =
  | { kind: 'site' }
  | { kind: 'space'; id: number }
  | { kind: 'container'; id: number; type: Extract<ContentType, 'page' | 'blogpost' | 'custom'> };

/**
 * v2 `GET /custom-content?type=`, `/spaces/{id}/custom-content`, `/pages/{id}/custom-content`,
 * `/blogposts/{id}/custom-content` and `/custom-content/{id}/children`: current custom content the caller
 * may see, by keyset.
 */
export async function listCustomContent(
  deps: ServiceDeps,
  principal: Principal,
  scope: CustomContentScope,
  query: CustomContentQuery,
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const filter: ContentFilter = {
    types: ['custom'],
    statuses: ['current'],
    // Custom content in a trashed page is in the trash with it, as its attachments are.
    trashedWithContainer: true,
    viewer: await viewerOf(deps, principal),
    ...(query.customType !== undefined && { customType: query.customType }),
    ...(query.ids?.length && { ids: query.ids }),
    ...(query.spaceIds?.length && { spaceIds: query.spaceIds }),
  };
  if (scope.kind === 'space') {
    filter.spaceIds = [(await requireVisibleSpaceById(deps, principal, scope.id)).id];
  } else if (scope.kind === 'container') {
    const container = await requireContentOfType(deps, principal, { id: scope.id, types: [scope.type] }, [
      ...liveStatuses,
      'trashed',
    ]);
    filter.containerId = container.id;
  }
  return deps.store.content.listKeyset(filter, window);
}
