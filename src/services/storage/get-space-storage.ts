import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { LargeAttachment, SpaceStorageUsage } from '../../ports/housekeeping-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

export interface SpaceStorage {
  space: Space;
  usage: SpaceStorageUsage;
  largest: LargeAttachment[];
}

/**
 * What a space's attachments hold: totals, bytes by media type, the largest files and the bytes kept by
 * historical versions. Summed by the database over what the caller may see, so a restricted page's
 * files neither show nor count.
 */
export async function getSpaceStorage(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  largestCount = 20,
): Promise<SpaceStorage> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  const scope = { spaceId: space.id, viewer: await viewerOf(deps, principal) };
  const [usage, largest] = await Promise.all([
    deps.store.housekeeping.usage(scope),
    deps.store.housekeeping.largestAttachments(scope, largestCount),
  ]);
  return { space, usage, largest };
}
