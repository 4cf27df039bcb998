import { notFound } from '../../domain/errors.ts';
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

export async function findGroup(deps: ServiceDeps, principal: Principal, name: string): Promise<Group> {
  requireSignedIn(principal);
  return requireGroupByName(deps.store.groups, name);
}
