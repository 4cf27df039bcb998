import type { Space } from '../../domain/content.ts';
import { forbidden, notFound, spaceNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { SpaceFilter } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAdministerSpace, canViewSpace, viewerOf } from './policy.ts';

/** The filter that lists only spaces the principal may see. */
export async function visibleSpacesFilter(
  deps: ServiceDeps,
  principal: Principal,
): Promise<Pick<SpaceFilter, 'viewer'>> {
  return { viewer: await viewerOf(deps, principal) };
}

/** v1 paths name a space by key, v2 paths by id. */
export type SpaceRef = { key: string } | { id: number };

/** A space the caller cannot see answers exactly like one that does not exist (api-reference.md §0.2). */
export async function requireVisibleSpace(
  deps: ServiceDeps,
  principal: Principal,
  ref: SpaceRef,
): Promise<Space> {
  const space =
    'key' in ref ? await deps.store.spaces.findByKey(ref.key) : await deps.store.spaces.findById(ref.id);
  if (!space || !(await canViewSpace(deps, principal, space))) {
    throw 'key' in ref
      ? spaceNotFound(ref.key)
      : notFound(`No space with id : ${ref.id}`, { spaceId: ref.id });
  }
  return space;
}

export function requireVisibleSpaceByKey(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
): Promise<Space> {
  return requireVisibleSpace(deps, principal, { key });
}

export function requireVisibleSpaceById(deps: ServiceDeps, principal: Principal, id: number): Promise<Space> {
  return requireVisibleSpace(deps, principal, { id });
}

/** Changes need a signed-in caller; what they may change is the policy's to say. */
export function requireWriter(principal: Principal): number | null {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not change content');
  return principal.kind === 'user' ? principal.user.id : null;
}

/**
 * The guard of a use case for space administrators: the space, when the caller sees it (else 404, as if it
 * did not exist) and administers it (else 403).
 */
export async function requireSpaceAdmin(
  deps: ServiceDeps,
  principal: Principal,
  ref: SpaceRef,
): Promise<Space> {
  const space = await requireVisibleSpace(deps, principal, ref);
  await requireSpaceAdministrator(deps, principal, space);
  return space;
}

export async function requireSpaceAdministrator(
  deps: ServiceDeps,
  principal: Principal,
  space: Space,
): Promise<void> {
  if (!(await canAdministerSpace(deps, principal, space))) {
    throw forbidden(`You do not have permission to administer the space ${space.key}`);
  }
}
