import type { Space } from '../../domain/content.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The account ids of the spaces' creators (v2's `authorId`), keyed by user id. A deleted creator has none.
 */
export async function spaceAuthorAccountIds(
  deps: ServiceDeps,
  spaces: readonly Space[],
): Promise<Map<number, string>> {
  const ids = new Set(spaces.flatMap((space) => (space.creatorId === null ? [] : [space.creatorId])));
  const accountIds = new Map<number, string>();
  for (const id of ids) {
    const user = await deps.store.users.findById(id);
    if (user) accountIds.set(id, user.accountId);
  }
  return accountIds;
}
