import type { SpaceOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { spaceOperationsHeld } from './policy.ts';
import { requireVisibleSpaceById } from './space-access.ts';

/** v2 `GET /spaces/{id}/operations`: what the caller may do in a space they can see. */
export async function listSpaceOperations(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<SpaceOperation[]> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  return spaceOperationsHeld(deps, principal, space);
}
