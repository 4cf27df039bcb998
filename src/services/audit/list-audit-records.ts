import type { AuditRecord } from '../../domain/audit.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { type AuditDateQuery, dateFilterOf, retainedFilter } from './audit-filters.ts';

/** `GET /audit`: newest first, between two dates and matching a search string; administrators only. */
export async function listAuditRecords(
  deps: ServiceDeps,
  principal: Principal,
  query: AuditDateQuery,
  window: Window,
): Promise<Slice<AuditRecord>> {
  requireAdministrator(principal);
  const filter = await retainedFilter(deps, dateFilterOf(query));
  return deps.store.audit.list(filter, window);
}
