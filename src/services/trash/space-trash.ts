import type { Content } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { purgeContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdministrator, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

const trashableTypes = ['page', 'blogpost', 'attachment'] as const;

/** `GET /space/{key}/trash`: what was deleted in the space and can still be restored or purged. */
export async function listSpaceTrash(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  window: Window,
): Promise<Slice<Content>> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return deps.store.content.list(
    { spaceIds: [space.id], statuses: ['trashed'], types: trashableTypes },
    window,
  );
}

/** `DELETE /space/{key}/trash`: purges every trashed item of the space; space administrators only. */
export async function emptySpaceTrash(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<number> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  requireSpaceAdministrator(principal, space);
  let purged = 0;
  for (;;) {
    const batch = await deps.store.content.list(
      { spaceIds: [space.id], statuses: ['trashed'], types: trashableTypes },
      { start: 0, limit: 200 },
    );
    if (batch.items.length === 0) return purged;
    for (const item of batch.items) {
      // An item may already be gone with a trashed ancestor purged earlier in this batch.
      if (await deps.store.content.findById(item.id)) await purgeContent(deps, principal, item.id);
      purged += 1;
    }
  }
}
