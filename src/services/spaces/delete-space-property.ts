import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  requireSpaceAdministrator,
  requireVisibleSpaceByKey,
  requireWriter,
} from '../permissions/space-access.ts';
import { requireSpaceProperty } from './get-space-property.ts';

/** `DELETE /rest/api/space/{spaceKey}/property/{key}`. */
export async function deleteSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  key: string,
): Promise<void> {
  requireWriter(principal);
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  await requireSpaceAdministrator(deps, principal, space);
  await deps.store.transaction(async (repositories) => {
    const property = await requireSpaceProperty(repositories.properties, space, key);
    await repositories.properties.remove(property.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space property deleted',
      space,
      changes: [{ name: `Property ${key}`, before: property.value, after: undefined }],
    });
  });
}
