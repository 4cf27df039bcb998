import type { Label } from '../../domain/label.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { LabelSort } from '../../ports/label-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { visibleSpacesFilter } from '../permissions/space-access.ts';

export interface LabelQuery {
  ids?: readonly number[];
  prefixes?: readonly string[];
}

/**
 * `GET /wiki/api/v2/labels`: the site's labels. Administrators see all; anyone else only labels used in
 * spaces they can see, since a label's name can itself give away what a private space holds.
 */
export async function listLabels(
  deps: ServiceDeps,
  principal: Principal,
  query: LabelQuery,
  window: KeysetWindow<LabelSort>,
): Promise<KeysetSlice<Label>> {
  if (isAdministrator(principal)) return deps.store.labels.list(query, window);
  const visible = await deps.store.spaces.list(await visibleSpacesFilter(deps, principal), {
    start: 0,
    limit: Number.MAX_SAFE_INTEGER,
  });
  // A label used only on content a read restriction hides from the caller is as telling as one in a private space.
  return deps.store.labels.list(
    {
      ...query,
      usedInSpaceIds: visible.items.map((space) => space.id),
      visibleTo: await viewerOf(deps, principal),
    },
    window,
  );
}
