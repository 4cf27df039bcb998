import type { Space } from '../../domain/content.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { SpaceFilter } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The space rules until space permissions land (issue 6): everyone signed in (and the anonymous user,
 * when the site lets them in) sees every space but private ones; a private space is its creator's and the
 * administrators'. Writing needs a signed-in user; administering the space needs its creator or an admin.
 */
export function canViewSpace(principal: Principal, space: Space): boolean {
  if (!space.private || isAdministrator(principal)) return true;
  return principal.kind === 'user' && principal.user.id === space.creatorId;
}

export function canAdministerSpace(principal: Principal, space: Space): boolean {
  return isAdministrator(principal) || (principal.kind === 'user' && principal.user.id === space.creatorId);
}

/** The filter that lists only spaces the principal may see. */
export function visibleSpacesFilter(principal: Principal): Pick<SpaceFilter, 'privateVisibleTo'> {
  if (isAdministrator(principal)) return { privateVisibleTo: null };
  return { privateVisibleTo: principal.kind === 'user' ? principal.user.id : undefined };
}

/** A space the caller cannot see answers exactly like one that does not exist (api-reference.md §0.2). */
export async function requireVisibleSpaceByKey(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
): Promise<Space> {
  const space = await deps.store.spaces.findByKey(key);
  if (!space || !canViewSpace(principal, space))
    throw notFound(`No space with key : ${key}`, { spaceKey: key });
  return space;
}

export async function requireVisibleSpaceById(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
): Promise<Space> {
  const space = await deps.store.spaces.findById(id);
  if (!space || !canViewSpace(principal, space)) throw notFound(`No space with id : ${id}`, { spaceId: id });
  return space;
}

export function requireWriter(principal: Principal): number | null {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not change content');
  return principal.kind === 'user' ? principal.user.id : null;
}

export function requireSpaceAdministrator(principal: Principal, space: Space): void {
  if (!canAdministerSpace(principal, space)) {
    throw forbidden(`You do not have permission to administer the space ${space.key}`);
  }
}
