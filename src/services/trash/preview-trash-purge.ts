import type { Content, Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireTrashPurger } from './purge-trashed-items.ts';

/**
 * What a purge of these items would take away, for the caller to confirm: the items of the space's trash
 * among `ids` that the caller may see. Refused (403) before anything is shown to someone who may not purge.
 */
export async function previewTrashPurge(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  ids: readonly number[],
): Promise<{ space: Space; items: Content[] }> {
  const space = await requireTrashPurger(deps, principal, spaceKey);
  if (ids.length === 0) return { space, items: [] };
  const { items } = await deps.store.content.list(
    {
      ids,
      spaceIds: [space.id],
      statuses: ['trashed'],
      types: ['page', 'blogpost', 'attachment'],
      viewer: await viewerOf(deps, principal),
    },
    { start: 0, limit: ids.length },
  );
  return { space, items };
}
