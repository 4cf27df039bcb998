import type { Label, LabelPrefix } from '../../domain/label.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { LabelSort } from '../../ports/label-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceById, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** Cloud v1 `GET /space/{key}/label`: the labels on the space itself, for whoever may view it. */
export async function listSpaceLabels(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  prefix: LabelPrefix | undefined,
  window: Window,
): Promise<Slice<Label>> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return deps.store.labels.listOnSpace(space.id, prefix ? { prefixes: [prefix] } : {}, window);
}

/** v2 `GET /spaces/{id}/labels`: the same, by keyset. */
export async function listSpaceLabelsByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  prefixes: readonly string[],
  window: KeysetWindow<LabelSort>,
): Promise<KeysetSlice<Label>> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  return deps.store.labels.list({ onSpaceIds: [space.id], prefixes }, window);
}

/** v2 `GET /spaces/{id}/content/labels`: labels on the space's content that the caller may see. */
export async function listSpaceContentLabels(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  prefixes: readonly string[],
  window: KeysetWindow<LabelSort>,
): Promise<KeysetSlice<Label>> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  return deps.store.labels.list(
    { usedInSpaceIds: [space.id], visibleTo: await viewerOf(deps, principal), prefixes },
    window,
  );
}
