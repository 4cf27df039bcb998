import type { Content, ContentStatus } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceById } from '../permissions/space-access.ts';
import { requireCursorOfSort } from './list-content.ts';

export interface SpaceContentQuery {
  spaceId: number;
  type: 'page' | 'blogpost';
  /** Empty: every status. */
  statuses: readonly ContentStatus[];
  title?: string | undefined;
  /** Only pages at the top of the space's tree (`depth=root`). */
  rootOnly?: boolean;
}

/**
 * v2 `GET /spaces/{id}/pages` and `/blogposts`: one space's content by keyset. Unlike `GET /pages?space-id=`,
 * an unknown or invisible space is a 404, not an empty list.
 */
export async function listSpaceContentByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  query: SpaceContentQuery,
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const space = await requireVisibleSpaceById(deps, principal, query.spaceId);
  return deps.store.content.listKeyset(
    {
      types: [query.type],
      spaceIds: [space.id],
      viewer: await viewerOf(deps, principal),
      statuses: query.statuses,
      ...(query.title !== undefined && { title: query.title }),
      ...(query.rootOnly && { parentId: null }),
    },
    window,
  );
}
