import { type Content, treeContentTypes } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { purgeContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceContentReach, viewerOf } from '../permissions/policy.ts';
import { requireSpaceAdmin, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

const trashableTypes = ['page', 'blogpost', 'attachment'] as const;
// Emptying the trash takes Cloud's other types with it, though the v1 listing keeps to the types v1 knows.
const purgedTypes = [...trashableTypes, ...treeContentTypes, 'custom'] as const;

/** `GET /space/{key}/trash`: what was deleted in the space and can still be restored or purged. */
export async function listSpaceTrash(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  window: Window,
): Promise<Slice<Content>> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  const viewer = await viewerOf(deps, principal);
  return deps.store.content.list(
    { spaceIds: [space.id], statuses: ['trashed'], types: trashableTypes, viewer },
    window,
  );
}

/** `DELETE /space/{key}/trash`: purges every trashed item of the space; space administrators only. */
export async function emptySpaceTrash(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<number> {
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  await requireSpaceContentReach(deps, principal, space);
  let purged = 0;
  for (;;) {
    const batch = await deps.store.content.list(
      { spaceIds: [space.id], statuses: ['trashed'], types: purgedTypes },
      { start: 0, limit: 200 },
    );
    if (batch.items.length === 0) break;
    for (const item of batch.items) {
      // An item may already be gone with a trashed ancestor purged earlier in this batch.
      if (await deps.store.content.findById(item.id)) await purgeContent(deps, principal, item.id);
      purged += 1;
    }
  }
  // Each item's purge is recorded with it; this record says who emptied the trash, and when.
  await deps.store.transaction((repositories) =>
    recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space trash emptied',
      space,
      changes: [{ name: 'Items in the trash', before: purged, after: 0 }],
    }),
  );
  return purged;
}
