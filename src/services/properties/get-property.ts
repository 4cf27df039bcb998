import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  type OwnedProperty,
  type PropertyOwnerRef,
  type PropertySelector,
  requireOwnedProperty,
  requirePropertyOwner,
} from './property-owner.ts';

/** `GET /rest/api/content/{id}/property/{key}`, the space one, and v2's `…/properties/{property-id}` of both. */
export async function getProperty(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  selector: PropertySelector,
): Promise<OwnedProperty> {
  const owner = await requirePropertyOwner(deps, principal, ref, 'read');
  return { owner, property: await requireOwnedProperty(deps.store.properties, owner, selector) };
}
