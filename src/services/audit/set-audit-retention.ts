import {
  defaultRetention,
  estimatedMs,
  longestRetention,
  type TimePeriod,
  timeUnits,
} from '../../domain/audit.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { unitsOf } from './audit-filters.ts';
import { pruneAuditRecords } from './prune-audit-records.ts';
import { recordAudit } from './record-audit.ts';

const largestInt32 = 2_147_483_647;
const text = (period: TimePeriod) => `${period.number} ${period.units}`;

/** A `RetentionPeriod` as asked: `{"number": 6, "units": "MONTHS"}`. */
export interface RetentionRequest {
  number?: number | null;
  units?: string | null;
}

/** A whole `number` of at least 1 and `units`, together at most one year. */
function periodOf(body: RetentionRequest): TimePeriod {
  const { number } = body;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > largestInt32) {
    throw badRequest(`number must be a whole number of at least 1, not ${JSON.stringify(number ?? null)}`, {
      field: 'number',
    });
  }
  const period = { number, units: unitsOf(body.units, timeUnits, 'units') };
  // Cloud v1 spec: "The retention period can be set to a maximum of 1 year."
  if (estimatedMs(period) > estimatedMs(longestRetention)) {
    throw badRequest(`The retention period may be at most ${text(longestRetention)}, not ${text(period)}`, {
      field: 'number',
    });
  }
  return period;
}

/**
 * `PUT /audit/retention`: sets how long records are kept, and removes at once those now older than that.
 * The change is itself audited, with the period before and after.
 */
export async function setAuditRetention(
  deps: ServiceDeps,
  principal: Principal,
  body: RetentionRequest,
): Promise<TimePeriod> {
  requireAdministrator(principal);
  const period = periodOf(body);
  await deps.store.transaction(async (repositories) => {
    const previous = (await repositories.audit.retention()) ?? defaultRetention;
    await repositories.audit.setRetention(period, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Auditing',
      summary: 'Audit log retention period changed',
      objectType: 'audit-retention',
      objectName: 'Audit log',
      description: `Audit records older than ${text(period)} are removed`,
      changes: [{ name: 'Retention period', before: text(previous), after: text(period) }],
    });
  });
  await pruneAuditRecords(deps);
  return period;
}
