import { badRequest, forbidden, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';

const maxAccountIds = 100;

/** Whether the caller may see this user's email address: their own, or any as a site administrator. */
export function maySeeEmailOf(principal: Principal, user: User): boolean {
  return isAdministrator(principal) || (principal.kind === 'user' && principal.user.id === user.id);
}

/**
 * Cloud `GET /user/email` and `/user/email/bulk`: email addresses whatever the profile's visibility, so
 * (site privacy) only for administrators, or a user asking for their own. Unknown accounts and accounts
 * without an address are left out; the single lookup answers 404 for them.
 */
export async function lookUpEmails(
  deps: ServiceDeps,
  principal: Principal,
  accountIds: readonly string[],
): Promise<{ accountId: string; email: string }[]> {
  if (accountIds.length === 0 || accountIds.length > maxAccountIds) {
    throw badRequest(`accountId must name 1 to ${maxAccountIds} accounts`, { field: 'accountId' });
  }
  const own = principal.kind === 'user' ? principal.user.accountId : undefined;
  if (!isAdministrator(principal) && accountIds.some((accountId) => accountId !== own)) {
    throw forbidden('Only site administrators may look up the email addresses of other users');
  }
  const users = await Promise.all([...new Set(accountIds)].map((id) => deps.store.users.findByAccountId(id)));
  return users.flatMap((user) => (user?.email ? [{ accountId: user.accountId, email: user.email }] : []));
}

export async function lookUpEmail(deps: ServiceDeps, principal: Principal, accountId: string) {
  const [found] = await lookUpEmails(deps, principal, [accountId]);
  if (!found) throw notFound(`No user with an email address has accountId: ${accountId}`, { accountId });
  return found;
}
