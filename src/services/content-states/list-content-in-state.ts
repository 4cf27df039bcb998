import type { Content } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { listContent } from '../content/list-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/**
 * `GET /space/{spaceKey}/state/content?state-id=`: the space's current pages and blog posts whose current
 * version carries the state, those the caller may see, paged as every v1 list.
 */
export async function listContentInState(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  stateId: number,
  window: Window,
): Promise<Slice<Content>> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  const ids = await deps.store.contentStates.contentIdsInState(space.id, stateId);
  if (ids.length === 0) return { items: [], total: 0 };
  return listContent(
    deps,
    principal,
    { types: ['page', 'blogpost'], statuses: ['current'], spaceIds: [space.id], ids },
    window,
  );
}
