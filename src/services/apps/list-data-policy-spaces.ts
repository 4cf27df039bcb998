import type { Space } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { SpaceSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { blockedSpaceIdsOf } from '../permissions/policy.ts';
import { listSpacesByKeyset, type SpaceListFilter } from '../spaces/list-spaces.ts';

export interface DataPolicySpaces {
  spaces: KeysetSlice<Space>;
  /** Those of `spaces` whose content the calling app is blocked from. */
  blockedSpaceIds: ReadonlySet<number>;
}

/**
 * v2 `GET /data-policies/spaces`: the spaces the caller sees, each saying whether its content is blocked
 * for the app making the request. Tributary's data policies are its app access rules (services/apps/):
 * a request without an app, or by an app with no rules, has nothing blocked.
 */
export async function listDataPolicySpaces(
  deps: ServiceDeps,
  principal: Principal,
  filter: SpaceListFilter,
  window: KeysetWindow<SpaceSort>,
): Promise<DataPolicySpaces> {
  const spaces = await listSpacesByKeyset(deps, principal, filter, window);
  return { spaces, blockedSpaceIds: await blockedSpaceIdsOf(deps, principal) };
}
