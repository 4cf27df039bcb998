import type { TimePeriod } from '../../../domain/audit.ts';

/** A `RetentionPeriod` (Cloud v1 spec). */
export function presentV1RetentionPeriod(period: TimePeriod) {
  return { number: period.number, units: period.units };
}
