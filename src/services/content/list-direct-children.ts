import { type Content, type ContentType, pageTreeTypes } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireCursorOfSort } from './list-content.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/**
 * v2 `GET /{pages|folders|whiteboards|databases|embeds}/{id}/direct-children`: the items one level below
 * in the page tree, of every tree type (pages, folders, whiteboards, databases, Smart Links).
 */
export async function listDirectChildren(
  deps: ServiceDeps,
  principal: Principal,
  target: { id: number; type: ContentType },
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  const parent = await requireContentOfType(deps, principal, { id: target.id, types: [target.type] }, [
    ...liveStatuses,
    'trashed',
  ]);
  return deps.store.content.listKeyset(
    {
      types: pageTreeTypes,
      parentId: parent.id,
      statuses: ['current', 'archived'],
      viewer: await viewerOf(deps, principal),
    },
    window,
  );
}
