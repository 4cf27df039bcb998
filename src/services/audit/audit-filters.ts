import {
  defaultRetention,
  instantBefore,
  type TimePeriod,
  type TimeUnit,
  timeUnits,
} from '../../domain/audit.ts';
import { badRequest } from '../../domain/errors.ts';
import type { AuditFilter } from '../../ports/metadata-store.ts';
import type { ServiceDeps } from '../deps.ts';

/** The query of `GET /audit` and `/audit/export`, as the client sent it. */
export interface AuditDateQuery {
  startDate?: string | undefined;
  endDate?: string | undefined;
  searchString?: string | undefined;
}

const dayMs = 86_400_000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Epoch milliseconds, as the Cloud spec defines both dates; an ISO 8601 date or date-time is taken too.
 * A bare date as `endDate` means the end of that day (UTC), so "on or before" includes it.
 */
function instantOf(text: string | undefined, name: 'startDate' | 'endDate'): number | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const ms = Number(value);
    if (Number.isSafeInteger(ms) && ms <= 8.64e15) return ms;
  } else if (isoDate.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    // Date.parse rolls 2024-02-30 over to 1 March; a date that does not round-trip does not exist.
    if (!Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value)) {
      return name === 'endDate' ? ms + dayMs - 1 : ms;
    }
  } else if (isoDateTime.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw badRequest(`${name} must be a time in epoch milliseconds (or an ISO 8601 date), not '${value}'`, {
    field: name,
  });
}

export function dateFilterOf(query: AuditDateQuery): AuditFilter {
  const fromMs = instantOf(query.startDate, 'startDate');
  const toMs = instantOf(query.endDate, 'endDate');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw badRequest(`startDate (${fromMs}) is after endDate (${toMs})`, { field: 'startDate' });
  }
  return { fromMs, toMs, searchText: query.searchString?.trim() || undefined };
}

/** Units by name, in any case (Data Center's docs write 'days', 'months'); only those `allowed`. */
export function unitsOf(text: unknown, allowed: readonly TimeUnit[], field: string): TimeUnit {
  const name = typeof text === 'string' ? text.trim().toUpperCase() : undefined;
  const units = timeUnits.find((unit) => unit === name);
  if (units === undefined || !allowed.includes(units)) {
    throw badRequest(`${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(text ?? null)}`, {
      field,
    });
  }
  return units;
}

export async function retentionOf(deps: ServiceDeps): Promise<TimePeriod> {
  return (await deps.store.audit.retention()) ?? defaultRetention;
}

/**
 * Records older than the retention period are never shown, even before the hourly clean-up removes them
 * (prune-audit-records.ts): the filter is narrowed to what is retained.
 */
export async function retainedFilter(deps: ServiceDeps, filter: AuditFilter): Promise<AuditFilter> {
  const retainedFromMs = instantBefore(deps.clock.nowMs(), await retentionOf(deps));
  if (retainedFromMs === undefined) return filter;
  return { ...filter, fromMs: Math.max(filter.fromMs ?? retainedFromMs, retainedFromMs) };
}
