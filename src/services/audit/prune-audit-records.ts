import { instantBefore } from '../../domain/audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { retentionOf } from './audit-filters.ts';

// Small batches, each its own transaction, so a first clean-up of a big log never holds the writer long.
const batchSize = 1000;

/** Removes the records older than the retention period; answers how many went. */
export async function pruneAuditRecords(deps: ServiceDeps): Promise<number> {
  const beforeMs = instantBefore(deps.clock.nowMs(), await retentionOf(deps));
  if (beforeMs === undefined) return 0;
  let removed = 0;
  for (;;) {
    const count = await deps.store.transaction((repositories) =>
      repositories.audit.removeOlderThan(beforeMs, batchSize),
    );
    removed += count;
    if (count < batchSize) return removed;
  }
}
