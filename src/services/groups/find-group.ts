import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Group } from '../../domain/user.ts';
import type { GroupsRepository } from '../../ports/metadata-store.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export async function requireGroupByName(groups: GroupsRepository, name: string): Promise<Group> {
  const group = await groups.findByName(name);
  if (!group) throw notFound(`No group found with name: ${name}`, { group: name });
  return group;
}

/** A group by its name (DC, and Cloud's older paths), or by its Cloud id (`{ id }`, Cloud's `…ByGroupId` paths). */
export type GroupRef = string | { id: string };

export async function requireGroup(groups: GroupsRepository, ref: GroupRef): Promise<Group> {
  if (typeof ref === 'string') return requireGroupByName(groups, ref);
  if (!/^\d{1,15}$/.test(ref.id)) throw badRequest(`Not a group id: ${ref.id}`, { groupId: ref.id });
  const group = await groups.findById(Number(ref.id));
  if (!group) throw notFound(`No group found with id: ${ref.id}`, { groupId: ref.id });
  return group;
}

export async function findGroup(deps: ServiceDeps, principal: Principal, ref: GroupRef): Promise<Group> {
  requireSignedIn(principal);
  return requireGroup(deps.store.groups, ref);
}
