import { conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Group } from '../../domain/user.ts';
import { normaliseGroupName } from '../../domain/user-rules.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export async function createGroup(deps: ServiceDeps, principal: Principal, rawName: unknown): Promise<Group> {
  requireAdministrator(principal);
  const name = normaliseGroupName(rawName);
  return deps.store.transaction(async (repositories) => {
    if (await repositories.groups.findByName(name)) {
      throw conflict(`A group with the name ${name} already exists`, { group: name });
    }
    const group = await repositories.groups.insert(name, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: 'Group created',
      webhookEvent: 'group_created',
      objectType: 'group',
      objectId: name,
    });
    return group;
  });
}
