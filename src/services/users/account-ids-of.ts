import type { ServiceDeps } from '../deps.ts';

/**
 * The Cloud account ids of these users (v2's `authorId`), keyed by user id; a deleted user has none.
 */
export async function accountIdsOf(
  deps: ServiceDeps,
  ids: Iterable<number | null>,
): Promise<Map<number, string>> {
  const accountIds = new Map<number, string>();
  for (const id of new Set(ids)) {
    if (id === null || accountIds.has(id)) continue;
    const user = await deps.store.users.findById(id);
    if (user) accountIds.set(id, user.accountId);
  }
  return accountIds;
}
