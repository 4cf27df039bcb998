import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

const maxAccountIds = 100;

/** Also the refusal of ids that are no list, given where the body is read. */
export const accountIdsRefusal = `accountIds must be a list of 1 to ${maxAccountIds} account ids`;

/** v2 `POST /users-bulk`: unknown ids are skipped, not an error. */
export async function findUsersByAccountIds(
  deps: ServiceDeps,
  principal: Principal,
  accountIds: readonly string[],
): Promise<User[]> {
  requireSignedIn(principal);
  if (accountIds.length === 0 || accountIds.length > maxAccountIds) {
    throw badRequest(accountIdsRefusal);
  }
  const users = await Promise.all([...new Set(accountIds)].map((id) => deps.store.users.findByAccountId(id)));
  return users.filter((user): user is User => user !== undefined);
}
