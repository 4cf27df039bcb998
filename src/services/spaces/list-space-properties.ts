import type { Space } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

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
