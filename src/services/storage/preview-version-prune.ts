import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { PrunableVersion, PruneTotals, VersionPruneRule } from '../../ports/housekeeping-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { versionPruneScope } from './version-prune-scope.ts';

export interface VersionPrunePreview {
  space: Space;
  totals: PruneTotals;
  /** The first versions that would go, by attachment then version number. */
  sample: PrunableVersion[];
}

/** What a prune of old versions would remove, changing nothing (the CLI's `--dry-run`). */
export async function previewVersionPrune(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  rule: VersionPruneRule,
  sampleSize = 50,
): Promise<VersionPrunePreview> {
  const { space, scope } = await versionPruneScope(deps, principal, spaceKey, rule);
  const [totals, sample] = await Promise.all([
    deps.store.housekeeping.prunableTotals(scope, rule),
    deps.store.housekeeping.prunableVersions(scope, rule, undefined, sampleSize),
  ]);
  return { space, totals, sample };
}
