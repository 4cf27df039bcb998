import { conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { normaliseDisplayName, normaliseEmail } from '../../domain/user-rules.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from './find-user.ts';

export interface UserDetailsChanges {
  displayName?: string | undefined;
  /** Null or empty clears the email. */
  email?: string | null | undefined;
}

export async function updateUser(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
  changes: UserDetailsChanges,
): Promise<User> {
  requireAdministrator(principal);
  const displayName =
    changes.displayName === undefined ? undefined : normaliseDisplayName(changes.displayName);
  const email = changes.email === undefined ? undefined : normaliseEmail(changes.email);
  return storeUserDetails(deps, principal, username, { displayName, email });
}

/** Stores checked details, refusing an email another user has (409), with its audit record. */
export function storeUserDetails(
  deps: ServiceDeps,
  principal: Principal,
  username: string,
  { displayName, email }: { displayName: string | undefined; email: string | null | undefined },
): Promise<User> {
  return deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, username);
    if (email) {
      const holder = await repositories.users.findByLogin(email);
      if (holder && holder.id !== user.id)
        throw conflict(`A user with the email ${email} already exists`, { email });
    }
    await repositories.users.update(user.id, { displayName, email }, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: 'User details updated',
      objectType: 'user',
      objectId: user.username,
      objectName: displayName ?? user.displayName,
      changes: [
        { name: 'Display name', before: user.displayName, after: displayName ?? user.displayName },
        { name: 'Email', before: user.email, after: email === undefined ? user.email : email },
      ],
    });
    return {
      ...user,
      ...(displayName !== undefined && { displayName }),
      ...(email !== undefined && { email }),
    };
  });
}
