import { type ContentType, pageTreeTypes } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { TreeItem } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { liveStatuses, requireContentOfType } from './require-content-of-type.ts';

/**
 * v2 `GET /{pages|folders|whiteboards|databases|embeds}/{id}/descendants`: the page tree below an item,
 * `depth` levels down, the nearest level first. Items under a read restriction the caller does not pass
 * are left out, with everything below them.
 */
export async function listTreeDescendants(
  deps: ServiceDeps,
  principal: Principal,
  target: { id: number; type: ContentType; depth: number },
  window: KeysetWindow<'depth'>,
): Promise<KeysetSlice<TreeItem>> {
  const parent = await requireContentOfType(deps, principal, { id: target.id, types: [target.type] }, [
    ...liveStatuses,
    'trashed',
  ]);
  return deps.store.content.treeDescendants(
    parent.id,
    {
      types: pageTreeTypes,
      statuses: ['current', 'archived'],
      maxDepth: target.depth,
      viewer: await viewerOf(deps, principal),
    },
    window,
  );
}
