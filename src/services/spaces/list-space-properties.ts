import type { Space } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertyFilter, PropertySort } from '../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceById, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

export interface SpacePropertiesPage {
  space: Space;
  properties: Slice<Property>;
}

/** `GET /rest/api/space/{spaceKey}/property`, by key. */
export async function listSpaceProperties(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  window: Window,
): Promise<SpacePropertiesPage> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return { space, properties: await deps.store.properties.list({ spaceId: space.id }, {}, window) };
}

/** v2 `GET /spaces/{space-id}/properties`: by key, keyset paging, optionally only one key. */
export async function listSpacePropertiesByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  filter: PropertyFilter,
  window: KeysetWindow<PropertySort>,
): Promise<KeysetSlice<Property>> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  return deps.store.properties.listKeyset({ spaceId: space.id }, filter, window);
}
