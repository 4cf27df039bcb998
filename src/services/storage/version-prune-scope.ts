import type { Space } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { StorageScope, VersionPruneRule } from '../../ports/housekeeping-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceContentReach, viewerOf } from '../permissions/policy.ts';
import { requireSpaceAdmin } from '../permissions/space-access.ts';

/**
 * Where a prune may reach, shared by its preview and the prune itself: deleting a version is for space
 * administrators (the `purge` right, as `DELETE /content/{id}/version/{n}` asks), and only versions of
 * attachments they may see, which is what the version delete will find.
 */
export async function versionPruneScope(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  rule: VersionPruneRule,
): Promise<{ space: Space; scope: StorageScope }> {
  requireRuleSaysWhich(rule);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  await requireSpaceContentReach(deps, principal, space);
  return { space, scope: { spaceId: space.id, viewer: await viewerOf(deps, principal) } };
}

/** As the CLI asks: say which versions go (keep N, older than a date, or both). */
function requireRuleSaysWhich(rule: VersionPruneRule) {
  const { keepNewest, createdBeforeMs } = rule;
  if (keepNewest === undefined && createdBeforeMs === undefined) {
    throw badRequest('Say which versions go: keep the newest N, older than a date, or both');
  }
  if (keepNewest !== undefined && (!Number.isInteger(keepNewest) || keepNewest < 1)) {
    throw badRequest('Keep at least 1 version (the current one counts)', { field: 'keep' });
  }
  if (createdBeforeMs !== undefined && !Number.isFinite(createdBeforeMs)) {
    throw badRequest('The date is not a date', { field: 'olderThan' });
  }
}
