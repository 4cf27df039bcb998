import {
  type OperationDescription,
  parseOperations,
  type UnlicensedOperation,
  unlicensedOperations,
} from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

/** DC `GET /rest/api/permissions/unlicensed`: for site administrators, as the other global permissions are. */
export async function listUnlicensedPermissions(
  deps: ServiceDeps,
  principal: Principal,
): Promise<UnlicensedOperation[]> {
  requireAdministrator(principal);
  return deps.store.permissions.unlicensedOperations();
}

/**
 * DC `PUT /rest/api/permissions/unlicensed/grant|revoke`: only the two pairs DC lists; anything else is a
 * 400 and changes nothing. Revoking `application use_unlicensed` revokes everything (DC spec).
 */
export async function changeUnlicensedPermissions(
  deps: ServiceDeps,
  principal: Principal,
  change: 'grant' | 'revoke',
  described: readonly OperationDescription[],
): Promise<void> {
  requireAdministrator(principal);
  const asked = parseOperations(described, unlicensedOperations);
  const operations =
    change === 'revoke' && asked.includes('application:use_unlicensed') ? [...unlicensedOperations] : asked;
  await deps.store.transaction(async (repositories) => {
    if (change === 'grant') await repositories.permissions.grantUnlicensed(operations, deps.clock.nowMs());
    else await repositories.permissions.revokeUnlicensed(operations);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: change === 'grant' ? 'Global permissions granted' : 'Global permissions revoked',
      objectType: 'global',
      details: { subject: 'unlicensed', operations },
    });
  });
}
