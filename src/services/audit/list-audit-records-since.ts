import { type AuditRecord, instantBefore, sinceUnits } from '../../domain/audit.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { retainedFilter, unitsOf } from './audit-filters.ts';

export interface AuditSinceQuery {
  number?: string | undefined;
  units?: string | undefined;
  searchString?: string | undefined;
}

// The spec's defaults: the last three months.
const defaultNumber = 3;
const defaultUnits = 'MONTHS';

function numberOf(text: string | undefined): number {
  const value = text?.trim();
  if (!value) return defaultNumber;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw badRequest(`number must be a whole number of at least 0, not '${value}'`, { field: 'number' });
  }
  return number;
}

/** `GET /audit/since`: the records of the last `number` `units` (three months by default), newest first. */
export async function listAuditRecordsSince(
  deps: ServiceDeps,
  principal: Principal,
  query: AuditSinceQuery,
  window: Window,
): Promise<Slice<AuditRecord>> {
  requireAdministrator(principal);
  const period = {
    number: numberOf(query.number),
    units: unitsOf(query.units?.trim() || defaultUnits, sinceUnits, 'units'),
  };
  const filter = await retainedFilter(deps, {
    fromMs: instantBefore(deps.clock.nowMs(), period),
    searchText: query.searchString?.trim() || undefined,
  });
  return deps.store.audit.list(filter, window);
}
