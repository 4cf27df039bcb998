import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertyFilter, PropertySort } from '../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  type FoundOwner,
  type PropertyOwnerRef,
  requirePropertyOwner,
  storeOwnerOf,
} from './property-owner.ts';

/** `GET /rest/api/content/{id}/property` and `GET /rest/api/space/{spaceKey}/property`: by key, offset paging. */
export async function listProperties(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  filter: PropertyFilter,
  window: Window,
): Promise<{ owner: FoundOwner; properties: Slice<Property> }> {
  const owner = await requirePropertyOwner(deps, principal, ref, 'read');
  return { owner, properties: await deps.store.properties.list(storeOwnerOf(owner), filter, window) };
}

/** v2's `GET /pages/{page-id}/properties`, the other content types' and `GET /spaces/{space-id}/properties`: keyset paging. */
export async function listPropertiesByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  filter: PropertyFilter,
  window: KeysetWindow<PropertySort>,
): Promise<KeysetSlice<Property>> {
  const owner = await requirePropertyOwner(deps, principal, ref, 'read');
  return deps.store.properties.listKeyset(storeOwnerOf(owner), filter, window);
}
