import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from './find-user.ts';

/** Removes the user, their memberships and tokens; content they wrote stays, attributed to nobody. */
export async function deleteUser(deps: ServiceDeps, principal: Principal, username: string): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, username);
    if (principal.kind === 'user' && principal.user.id === user.id) {
      throw badRequest('You cannot delete your own account');
    }
    await repositories.users.remove(user.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: 'User deleted',
      objectType: 'user',
      objectId: user.username,
    });
  });
}
