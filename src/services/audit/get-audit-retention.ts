import type { TimePeriod } from '../../domain/audit.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { retentionOf } from './audit-filters.ts';

/** `GET /audit/retention`: the period set by an administrator, or one year until one is set. */
export async function getAuditRetention(deps: ServiceDeps, principal: Principal): Promise<TimePeriod> {
  requireAdministrator(principal);
  return retentionOf(deps);
}
