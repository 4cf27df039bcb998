import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from './find-user.ts';

/** Disabling keeps the user and their content; they can no longer sign in by any means. */
export async function setUserActive(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
  active: boolean,
): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, username);
    if (!active && principal.kind === 'user' && principal.user.id === user.id) {
      throw badRequest('You cannot disable your own account');
    }
    await repositories.users.update(user.id, { active }, deps.clock.nowMs());
    // Reactivation must not bring back the browsers (a lost laptop) that were signed in before.
    if (!active) await repositories.webSessions.revokeAllOfUser(user.id, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: active ? 'User enabled' : 'User disabled',
      webhookEvent: active ? 'user_reactivated' : 'user_deactivated',
      objectType: 'user',
      objectId: user.username,
      objectName: user.displayName,
      changes: [{ name: 'Active', before: user.active, after: active }],
    });
  });
}
