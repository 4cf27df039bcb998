import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Group } from '../../domain/user.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireGroupByName } from './find-group.ts';

/** Which groups around a group: those directly inside it, directly containing it, or containing it at any depth. */
export type GroupRelation = 'children' | 'parents' | 'ancestors';

/** DC `GET /group/{name}/groupmember`, `/groupparent` and `/groupancestor`. */
export async function listGroupRelatives(
  deps: ServiceDeps,
  principal: Principal,
  groupName: string,
  relation: GroupRelation,
  window: Window,
): Promise<Slice<Group>> {
  requireSignedIn(principal);
  const group = await requireGroupByName(deps.store.groups, groupName);
  const { groups } = deps.store;
  if (relation === 'children') return groups.childGroups(group.id, window);
  if (relation === 'parents') return groups.parentGroups(group.id, window);
  return groups.ancestorGroups(group.id, window);
}
