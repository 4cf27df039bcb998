import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { UsersRepository } from '../../ports/metadata-store.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export interface UserSelector {
  username?: string | undefined;
  userKey?: string | undefined;
  accountId?: string | undefined;
}

/** Finds a user by exactly one of username, user key or account id, as `GET /rest/api/user` does. */
export async function findUser(
  deps: ServiceDeps,
  principal: Principal,
  selector: UserSelector,
): Promise<User> {
  requireSignedIn(principal);
  const given = Object.entries(selector).filter(([, value]) => value !== undefined && value !== '');
  if (given.length !== 1) {
    throw badRequest('Exactly one of username, key or accountId is required');
  }
  const user = selector.username
    ? await deps.store.users.findByUsername(selector.username)
    : selector.userKey
      ? await deps.store.users.findByUserKey(selector.userKey)
      : await deps.store.users.findByAccountId(selector.accountId ?? '');
  if (!user) throw notFound(`No user found with ${given[0]?.[0]}: ${given[0]?.[1]}`);
  return user;
}

/** The user named in an admin path such as `/rest/api/admin/user/{username}`. */
export async function requireUserByUsername(users: UsersRepository, username: string): Promise<User> {
  const user = await users.findByUsername(username);
  if (!user) throw notFound(`No user found with username: ${username}`, { username });
  return user;
}
