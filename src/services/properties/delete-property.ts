import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWriter } from '../permissions/space-access.ts';
import {
  type PropertyOwnerRef,
  type PropertySelector,
  propertyAudit,
  requireOwnedProperty,
  requirePropertyOwner,
} from './property-owner.ts';

/** `DELETE /rest/api/content/{id}/property/{key}`, the space one, and v2's `…/properties/{property-id}` of both. */
export async function deleteProperty(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  selector: PropertySelector,
): Promise<void> {
  requireWriter(principal);
  const owner = await requirePropertyOwner(deps, principal, ref, 'write');
  await deps.store.transaction(async (repositories) => {
    const property = await requireOwnedProperty(repositories.properties, owner, selector);
    await repositories.properties.remove(property.id);
    await recordAudit(repositories, deps.clock, principal, {
      ...propertyAudit(owner, 'deleted'),
      changes: [{ name: `Property ${property.key}`, before: property.value, after: undefined }],
    });
  });
}
