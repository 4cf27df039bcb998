import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { administratorsGroup } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';
import { requireGroup } from './find-group.ts';

/** DC names the user and group; Cloud's `userByGroupId` gives an account id and a group id. */
export type MembershipChange = { member: boolean } & ({ username: string } | { accountId: string }) &
  ({ groupName: string } | { groupId: string });

/** Adds or removes one membership; repeating either is harmless, as in DC. */
export async function changeMembership(
  deps: ServiceDeps,
  principal: Principal,
  change: MembershipChange,
): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const user =
      'username' in change
        ? await requireUserByUsername(repositories.users, change.username)
        : await repositories.users.findByAccountId(change.accountId);
    if (!user) {
      const accountId = 'accountId' in change ? change.accountId : '';
      throw notFound(`No user found with accountId: ${accountId}`, { accountId });
    }
    const group = await requireGroup(
      repositories.groups,
      'groupName' in change ? change.groupName : { id: change.groupId },
    );
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
