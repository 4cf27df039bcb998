import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { type LongTaskWork, type StartedLongTask, startLongTask } from '../tasks/start-long-task.ts';
import { requireUserByUsername } from './find-user.ts';

export const deleteUserTaskName = 'com.atlassian.confluence.user.remove';

/**
 * Removes the user, their memberships and tokens; content they wrote stays, attributed to nobody. Data
 * Center runs this as a long task (202 with a task to poll), so we do too; refusals come before the task.
 */
export async function deleteUser(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
): Promise<StartedLongTask> {
  requireAdministrator(principal);
  const user = await requireUserByUsername(deps.store.users, username);
  if (principal.kind === 'user' && principal.user.id === user.id) {
    throw badRequest('You cannot delete your own account');
  }
  return startLongTask(deps, principal, deleteUserTaskName, userDeletion(deps, principal, user), {
    userId: user.id,
  });
}

/** The work of the task, which another process runs again should this one die before it finished. */
export function userDeletion(deps: ServiceDeps, principal: Principal, user: User): LongTaskWork {
  return async () => {
    await deps.store.transaction(async (repositories) => {
      await repositories.users.remove(user.id);
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Users and groups',
        summary: 'User deleted',
        webhookEvent: 'user_removed',
        objectType: 'user',
        objectId: user.username,
        objectName: user.displayName,
        changes: [{ name: 'Username', before: user.username, after: '' }],
      });
    });
    return `User ${user.username} deleted`;
  };
}
