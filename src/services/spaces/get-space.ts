import type { Content, Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewContent } from '../permissions/policy.ts';
import { requireVisibleSpaceById, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** `GET /rest/api/space/{spaceKey}`; a space the caller may not see is reported missing. */
export function getSpace(deps: ServiceDeps, principal: Principal, key: string): Promise<Space> {
  return requireVisibleSpaceByKey(deps, principal, key);
}

/** v2 `GET /spaces/{id}`. */
export function getSpaceById(deps: ServiceDeps, principal: Principal, id: number): Promise<Space> {
  return requireVisibleSpaceById(deps, principal, id);
}

/** The home page, for `expand=homepage`; undefined when the space has none any more. */
export async function getSpaceHomepage(
  deps: ServiceDeps,
  principal: Principal,
  space: Space,
): Promise<Content | undefined> {
  if (space.homepageId === null) return undefined;
  const homepage = await deps.store.content.findById(space.homepageId);
  if (!homepage || !(await canViewContent(deps, principal, homepage))) return undefined;
  return homepage;
}
