import type { Principal } from '../../domain/principal.ts';
import { updateContent } from '../content/update-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { eachTrashedItem, type TrashItemOutcome } from './trash-item-outcome.ts';

/**
 * Restores items of a space's trash, each as `PUT /content/{id}` with `status: current` does (the right
 * to delete the item, the title and file-name checks, the audit record and webhook); one refusal does not
 * stop the rest.
 */
export async function restoreTrashedItems(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  ids: readonly number[],
): Promise<TrashItemOutcome[]> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return eachTrashedItem(deps, principal, space.id, ids, (item) =>
    updateContent(deps, principal, item.id, {
      versionNumber: item.version.number + 1,
      status: 'current',
    }),
  );
}
