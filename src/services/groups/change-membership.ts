import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { administratorsGroup } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';
import { requireGroupByName } from './find-group.ts';

/** Adds or removes one membership; repeating either is harmless, as in DC. */
export async function changeMembership(
  deps: ServiceDeps,
  principal: Principal,
  change: { username: string; groupName: string; member: boolean },
): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, change.username);
    const group = await requireGroupByName(repositories.groups, change.groupName);
    const removingOwnAdministration =
      !change.member &&
      group.name === administratorsGroup &&
      principal.kind === 'user' &&
      principal.user.id === user.id;
    if (removingOwnAdministration) {
      throw badRequest('You cannot remove yourself from confluence-administrators');
    }
    if (change.member) {
      await repositories.groups.addMember(group.id, user.id, deps.clock.nowMs());
    } else {
      await repositories.groups.removeMember(group.id, user.id);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: change.member ? 'User added to group' : 'User removed from group',
      objectType: 'group',
      objectId: group.name,
      changes: [
        {
          name: 'Member',
          before: change.member ? '' : user.username,
          after: change.member ? user.username : '',
        },
      ],
      associated: [{ type: 'user', name: user.displayName, id: user.username }],
    });
  });
}
