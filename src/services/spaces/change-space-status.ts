import type { SpaceStatus } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';

/**
 * Data Center `PUT /space/{key}/archive` (status `archived`) and `…/restore` (`current`). As in Confluence,
 * an archived space keeps its content and permissions, is still read and edited by whoever could, and is
 * listed under `status=archived`; only its status changes. Asking for the status it has changes nothing.
 */
export async function changeSpaceStatus(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  status: SpaceStatus,
): Promise<void> {
  requireWriter(principal);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  if (space.status === status) return;
  await deps.store.transaction(async (repositories) => {
    await repositories.spaces.update(space.id, { status }, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: status === 'archived' ? 'Space archived' : 'Space restored',
      space,
      changes: [{ name: 'Status', before: space.status, after: status }],
    });
  });
}
