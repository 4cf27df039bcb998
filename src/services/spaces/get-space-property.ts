import type { Space } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** A property with the space it belongs to (presenters link to both). */
export interface SpaceProperty {
  space: Space;
  property: Property;
}

export async function requireSpaceProperty(
  properties: PropertiesRepository,
  space: Space,
  key: string,
): Promise<Property> {
  const property = await properties.find({ spaceId: space.id }, key);
  if (!property) throw missingSpaceProperty(space, key);
  return property;
}

export function missingSpaceProperty(space: Space, key: string) {
  return notFound(`No property with key '${key}' found in space ${space.key}`, { spaceKey: space.key, key });
}

/** `GET /rest/api/space/{spaceKey}/property/{key}`. */
export async function getSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  key: string,
): Promise<SpaceProperty> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return { space, property: await requireSpaceProperty(deps.store.properties, space, key) };
}
