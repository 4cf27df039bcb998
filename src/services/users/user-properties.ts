import { conflict, forbidden, notFound } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import {
  checkUserPropertyKey,
  checkUserPropertyValue,
  type UserProperty,
} from '../../domain/user-property.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Cloud v1 `/user/{userId}/property…`: JSON objects stored against a user, named by account id. A user
 * reads and changes their own; site administrators anyone's. Not versioned (Cloud's `UserProperty`
 * has no version).
 */

async function requireOwner(deps: ServiceDeps, principal: Principal, accountId: string): Promise<User> {
  const own = principal.kind === 'user' && principal.user.accountId === accountId;
  if (!own && !isAdministrator(principal)) {
    throw forbidden("Only the user themself or a site administrator may use a user's properties");
  }
  const user = await deps.store.users.findByAccountId(accountId);
  if (!user) throw notFound(`No user found with accountId: ${accountId}`, { accountId });
  return user;
}

const missing = (key: string) => notFound(`No user property found with key: ${key}`, { key });

export async function listUserPropertyKeys(
  deps: ServiceDeps,
  principal: Principal,
  accountId: string,
  window: Window,
): Promise<Slice<string>> {
  const user = await requireOwner(deps, principal, accountId);
  return deps.store.userProperties.keysOf(user.id, window);
}

export async function getUserProperty(
  deps: ServiceDeps,
  principal: Principal,
  accountId: string,
  rawKey: string,
): Promise<UserProperty> {
  const key = checkUserPropertyKey(rawKey);
  const user = await requireOwner(deps, principal, accountId);
  const property = await deps.store.userProperties.find(user.id, key);
  if (!property) throw missing(key);
  return property;
}

async function audited(
  repositories: MetadataRepositories,
  deps: ServiceDeps,
  principal: Principal,
  user: User,
  summary: string,
  change: { key: string; before: unknown; after: unknown },
) {
  await recordAudit(repositories, deps.clock, principal, {
    category: 'Users and groups',
    summary,
    objectType: 'user',
    objectId: user.username,
    objectName: user.displayName,
    changes: [{ name: change.key, before: change.before, after: change.after }],
  });
}

/** 409 when the user has the key already. */
export async function createUserProperty(
  deps: ServiceDeps,
  principal: Principal,
  accountId: string,
  rawKey: string,
  rawValue: UserProperty['value'],
): Promise<UserProperty> {
  const key = checkUserPropertyKey(rawKey);
  const value = checkUserPropertyValue(rawValue);
  const user = await requireOwner(deps, principal, accountId);
  return deps.store.transaction(async (repositories) => {
    const created = await repositories.userProperties.insert(user.id, key, value, deps.clock.nowMs());
    if (!created) throw conflict(`The user already has a property with key: ${key}`, { key });
    await audited(repositories, deps, principal, user, 'User property created', {
      key,
      before: '',
      after: value,
    });
    return created;
  });
}

/** Only an existing property is updated (404 otherwise, as Cloud answers). */
export async function updateUserProperty(
  deps: ServiceDeps,
  principal: Principal,
  accountId: string,
  rawKey: string,
  rawValue: UserProperty['value'],
): Promise<void> {
  const key = checkUserPropertyKey(rawKey);
  const value = checkUserPropertyValue(rawValue);
  const user = await requireOwner(deps, principal, accountId);
  await deps.store.transaction(async (repositories) => {
    const before = await repositories.userProperties.find(user.id, key);
    if (!before) throw missing(key);
    await repositories.userProperties.update(user.id, key, value, deps.clock.nowMs());
    await audited(repositories, deps, principal, user, 'User property updated', {
      key,
      before: before.value,
      after: value,
    });
  });
}

export async function deleteUserProperty(
  deps: ServiceDeps,
  principal: Principal,
  accountId: string,
  rawKey: string,
): Promise<void> {
  const key = checkUserPropertyKey(rawKey);
  const user = await requireOwner(deps, principal, accountId);
  await deps.store.transaction(async (repositories) => {
    const before = await repositories.userProperties.find(user.id, key);
    if (!before || !(await repositories.userProperties.remove(user.id, key))) throw missing(key);
    await audited(repositories, deps, principal, user, 'User property deleted', {
      key,
      before: before.value,
      after: '',
    });
  });
}
