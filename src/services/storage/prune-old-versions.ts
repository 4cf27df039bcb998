import type { Space } from '../../domain/content.ts';
import { conflict, isDomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type {
  PrunableVersion,
  PruneTotals,
  VersionPosition,
  VersionPruneRule,
} from '../../ports/housekeeping-store.ts';
import { deleteVersion } from '../content/delete-version.ts';
import type { ServiceDeps } from '../deps.ts';
import { versionPruneScope } from './version-prune-scope.ts';

export interface VersionPruneOutcome {
  space: Space;
  removed: number;
  removedBytes: number;
  failed: { version: PrunableVersion; message: string }[];
}

export interface PruneOldVersionsInput {
  rule: VersionPruneRule;
  /** What the preview showed; when the versions the rule takes differ now, nothing is removed. */
  expected?: Pick<PruneTotals, 'versions' | 'bytes'> | undefined;
  batchSize?: number;
}

/**
 * Deletes the historical versions of a space's attachments that the rule takes, in batches, each through
 * the one version delete (its audit record, its checks, its blob clean-up). A version that cannot go is
 * reported and passed over; the rest carry on.
 */
export async function pruneOldVersions(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  input: PruneOldVersionsInput,
): Promise<VersionPruneOutcome> {
  const { rule, expected, batchSize = 200 } = input;
  const { space, scope } = await versionPruneScope(deps, principal, spaceKey, rule);
  if (expected) {
    const now = await deps.store.housekeeping.prunableTotals(scope, rule);
    if (now.versions !== expected.versions || now.bytes !== expected.bytes) {
      throw conflict(
        `The versions to prune in ${space.key} changed since the preview (now ${now.versions}); look again`,
      );
    }
  }
  const outcome: VersionPruneOutcome = { space, removed: 0, removedBytes: 0, failed: [] };
  let after: VersionPosition | undefined;
  for (;;) {
    const batch = await deps.store.housekeeping.prunableVersions(scope, rule, after, batchSize);
    for (const version of batch) {
      try {
        await deleteVersion(deps, principal, version.attachmentId, version.number);
        outcome.removed += 1;
        outcome.removedBytes += version.sizeBytes;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome.failed.push({ version, message: error.message });
      }
    }
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return outcome;
    // Past the last one read: removed versions are gone anyway, and a failed one is not tried again.
    after = { attachmentId: last.attachmentId, number: last.number };
  }
}
