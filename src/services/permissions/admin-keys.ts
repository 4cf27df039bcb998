import { type AdminKey, adminKeyMinutesOf } from '../../domain/admin-key.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { holdsGlobal } from './policy.ts';

/**
 * Cloud v2 `/admin-key`: the caller's own admin key (domain/admin-key.ts), honoured by the policy at
 * sign-in (`administersSite`). Only those who may administer the site may hold one; everyone else gets
 * the 404 Cloud answers "if the calling user does not have permission to use admin keys".
 */

async function requireKeyHolder(deps: ServiceDeps, principal: Principal): Promise<User> {
  if (principal.kind !== 'user' || !(await holdsGlobal(deps, principal, 'application:administer'))) {
    throw notFound('You do not have permission to use admin keys');
  }
  return principal.user;
}

/** A key with its holder's account id, which is how Cloud names them. */
export type HeldAdminKey = AdminKey & { accountId: string };

export async function getAdminKey(deps: ServiceDeps, principal: Principal): Promise<HeldAdminKey> {
  const user = await requireKeyHolder(deps, principal);
  const key = await deps.store.adminKeys.findLive(user.id, deps.clock.nowMs());
  if (!key) throw notFound('You have no admin key at the moment');
  return { ...key, accountId: user.accountId };
}

/** What a caller asks of a new key: its lifetime, absent or 0 for Cloud's default of 10 minutes. */
export interface AdminKeyRequest {
  durationInMinutes?: number;
}

/** Issues a key, replacing any the caller holds. */
export async function issueAdminKey(
  deps: ServiceDeps,
  principal: Principal,
  request: AdminKeyRequest,
): Promise<HeldAdminKey> {
  const user = await requireKeyHolder(deps, principal);
  const minutes = adminKeyMinutesOf(request.durationInMinutes);
  const nowMs = deps.clock.nowMs();
  const key = { userId: user.id, createdAtMs: nowMs, expiresAtMs: nowMs + minutes * 60_000 };
  return deps.store.transaction(async (repositories) => {
    await repositories.adminKeys.put(key);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Admin key issued',
      objectType: 'user',
      objectId: user.username,
      objectName: user.displayName,
      changes: [{ name: 'Expires', before: '', after: new Date(key.expiresAtMs).toISOString() }],
    });
    return { ...key, accountId: user.accountId };
  });
}

/** Ends the caller's key now; having none is not an error (Cloud answers 204 either way). */
export async function revokeAdminKey(deps: ServiceDeps, principal: Principal): Promise<void> {
  const user = await requireKeyHolder(deps, principal);
  await deps.store.transaction(async (repositories) => {
    await repositories.adminKeys.remove(user.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Admin key revoked',
      objectType: 'user',
      objectId: user.username,
      objectName: user.displayName,
    });
  });
}
