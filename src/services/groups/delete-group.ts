import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { administratorsGroup, usersGroup } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { type GroupRef, requireGroup } from './find-group.ts';

const builtInGroups = [administratorsGroup, usersGroup];

export async function deleteGroup(deps: ServiceDeps, principal: Principal, ref: GroupRef): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const group = await requireGroup(repositories.groups, ref);
    if (builtInGroups.includes(group.name)) {
      throw badRequest(`The built-in group ${group.name} cannot be deleted`, { group: group.name });
    }
    await repositories.groups.remove(group.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: 'Group deleted',
      webhookEvent: 'group_removed',
      objectType: 'group',
      objectId: group.name,
    });
  });
}
