import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Group, User } from '../../domain/user.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { findUser, type UserSelector } from '../users/find-user.ts';
import { type GroupRef, requireGroup } from './find-group.ts';

export async function listGroups(
  deps: ServiceDeps,
  principal: Principal,
  window: Window,
): Promise<Slice<Group>> {
  requireSignedIn(principal);
  return deps.store.groups.list(window);
}

export async function listGroupMembers(
  deps: ServiceDeps,
  principal: Principal,
  groupRef: GroupRef,
  window: Window,
): Promise<Slice<User>> {
  requireSignedIn(principal);
  const group = await requireGroup(deps.store.groups, groupRef);
  return deps.store.groups.members(group.id, window);
}

/** `GET /rest/api/user/memberof`: the groups of the selected user. */
export async function listMemberships(
  deps: ServiceDeps,
  principal: Principal,
  selector: UserSelector,
  window: Window,
): Promise<Slice<Group>> {
  const user = await findUser(deps, principal, selector);
  return deps.store.groups.groupsOf(user.id, window);
}
