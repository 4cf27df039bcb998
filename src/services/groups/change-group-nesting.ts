import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireGroupByName } from './find-group.ts';

/**
 * Puts a group inside another, or takes it out; repeating either is harmless. Members of the child then
 * hold whatever the parent holds (adapters/metadata/sql/group-closure.ts). Neither DC's REST API nor
 * Cloud's offers this (DC administers nesting in its user directory), so the command line calls it.
 */
export async function changeGroupNesting(
  deps: ServiceDeps,
  principal: Principal,
  change: { parentName: string; childName: string; nested: boolean },
): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const parent = await requireGroupByName(repositories.groups, change.parentName);
    const child = await requireGroupByName(repositories.groups, change.childName);
    if (change.nested) {
      const everyAncestor = { start: 0, limit: Number.MAX_SAFE_INTEGER };
      const aboveParent = (await repositories.groups.ancestorGroups(parent.id, everyAncestor)).items;
      if (child.id === parent.id || aboveParent.some((group) => group.id === child.id)) {
        throw badRequest(`Group ${child.name} contains ${parent.name}, so cannot also be inside it`, {
          group: child.name,
        });
      }
      await repositories.groups.addChildGroup(parent.id, child.id, deps.clock.nowMs());
    } else {
      await repositories.groups.removeChildGroup(parent.id, child.id);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: change.nested ? 'Group added to group' : 'Group removed from group',
      objectType: 'group',
      objectId: parent.name,
      changes: [
        {
          name: 'Group member',
          before: change.nested ? '' : child.name,
          after: change.nested ? child.name : '',
        },
      ],
      associated: [{ type: 'group', name: child.name, id: child.name }],
    });
  });
}
