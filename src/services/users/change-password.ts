import { forbidden } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkPassword } from '../../domain/user-rules.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import { userAttemptKey } from '../auth/sign-in-limiter.ts';
import { verifyOwnPassword } from '../auth/verify-own-password.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from './find-user.ts';

/** `POST /rest/api/user/current/password`: the old password must be right (403 otherwise, as in DC). */
export async function changeOwnPassword(
  deps: ServiceDeps,
  principal: Principal,
  oldPassword: string | undefined,
  newPassword: string,
): Promise<void> {
  if (principal.kind !== 'user') throw forbidden('Only a signed-in user can change their password');
  const next = checkPassword(newPassword);
  const { id } = principal.user;
  if (
    oldPassword === undefined ||
    !(await verifyOwnPassword(deps, id, principal.remoteAddress, oldPassword))
  ) {
    throw forbidden('The current password is incorrect');
  }
  await storePassword(deps, principal, principal.user.username, next);
}

/** Administrators (and the command line) set anyone's password without knowing the old one. */
export async function setPassword(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
  password: string,
): Promise<void> {
  requireAdministrator(principal);
  await storePassword(deps, principal, username, checkPassword(password));
}

async function storePassword(deps: ServiceDeps, principal: Principal, username: string, password: string) {
  const passwordHash = await hashPassword(password);
  let userId: number | undefined;
  await deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, username);
    await repositories.users.update(user.id, { passwordHash }, deps.clock.nowMs());
    // Whoever knew the old password may be signed in somewhere: a new one signs every browser out.
    await repositories.webSessions.revokeAllOfUser(user.id, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: 'User password changed',
      objectType: 'user',
      objectId: user.username,
      objectName: user.displayName,
    });
    userId = user.id;
  });
  // A new password set by an administrator (or its owner) lifts a lock-out of the user at once.
  if (userId !== undefined) deps.signIns.forgetUser(userAttemptKey(userId));
}
