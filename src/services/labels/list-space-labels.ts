import type { Label, LabelPrefix } from '../../domain/label.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

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
