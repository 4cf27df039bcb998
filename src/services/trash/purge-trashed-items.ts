import { forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { deleteContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAdministerSpace } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { eachTrashedItem, type TrashItemOutcome } from './trash-item-outcome.ts';

/**
 * The space, when the caller sees it (404 otherwise) and may purge its trash: the `purge` right is the
 * space administrators' (policy.ts), the same for every item of the space.
 */
export async function requireTrashPurger(deps: ServiceDeps, principal: Principal, spaceKey: string) {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  if (!(await canAdministerSpace(deps, principal, space))) {
    throw forbidden(`Only administrators of the space ${space.key} may purge its trash`, {
      spaceKey: space.key,
    });
  }
  return space;
}

/**
 * Purges items of a space's trash for good, each as `DELETE /content/{id}?status=trashed` does (bytes
 * nothing else uses are freed). Purging is for the space's administrators: anyone else is refused before
 * anything is touched.
 */
export async function purgeTrashedItems(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  ids: readonly number[],
): Promise<TrashItemOutcome[]> {
  const space = await requireTrashPurger(deps, principal, spaceKey);
  return eachTrashedItem(deps, principal, space.id, ids, (item) =>
    deleteContent(deps, principal, item.id, { purge: true, types: ['page', 'blogpost', 'attachment'] }),
  );
}
