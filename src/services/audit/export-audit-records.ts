import type { AuditRecord } from '../../domain/audit.ts';
import type { Principal } from '../../domain/principal.ts';
import type { AuditPosition } from '../../ports/metadata-store.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { type AuditDateQuery, dateFilterOf, retainedFilter } from './audit-filters.ts';

const batchSize = 500;

/**
 * `GET /audit/export`: every matching record, newest first, read in batches as the caller consumes them,
 * so an export of the whole log never sits in memory. The checks happen before the first record is read.
 */
export async function exportAuditRecords(
  deps: ServiceDeps,
  principal: Principal,
  query: AuditDateQuery,
): Promise<AsyncIterable<AuditRecord>> {
  requireAdministrator(principal);
  const filter = await retainedFilter(deps, dateFilterOf(query));
  return {
    async *[Symbol.asyncIterator]() {
      let after: AuditPosition | undefined;
      for (;;) {
        const batch = await deps.store.audit.listAfter(filter, after, batchSize);
        yield* batch;
        const last = batch.at(-1);
        if (!last || batch.length < batchSize) return;
        after = { createdAtMs: last.createdAtMs, id: last.id };
      }
    },
  };
}
