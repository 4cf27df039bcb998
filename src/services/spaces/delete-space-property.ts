import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter, type SpaceRef } from '../permissions/space-access.ts';
import type { PropertySelector } from '../properties/content-property.ts';
import { requireSpaceProperty } from './get-space-property.ts';

/** `DELETE /rest/api/space/{spaceKey}/property/{key}` and v2's `…/spaces/{id}/properties/{property-id}`. */
export async function deleteSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceRef: SpaceRef,
  selector: PropertySelector,
): Promise<void> {
  requireWriter(principal);
  const space = await requireSpaceAdmin(deps, principal, spaceRef);
  await deps.store.transaction(async (repositories) => {
    const property = await requireSpaceProperty(repositories.properties, space, selector);
    await repositories.properties.remove(property.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space property deleted',
      space,
      changes: [{ name: `Property ${property.key}`, before: property.value, after: undefined }],
    });
  });
}
