import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { blockedSpaceIdsOf } from '../permissions/policy.ts';

/**
 * v2 `GET /data-policies/metadata`: whether any content of the site is blocked for the app making the
 * request, which is whether its access rules block it from any space (blocks go with their space).
 */
export async function getDataPolicyMetadata(
  deps: ServiceDeps,
  principal: Principal,
): Promise<{ anyContentBlocked: boolean }> {
  return { anyContentBlocked: (await blockedSpaceIdsOf(deps, principal)).size > 0 };
}
