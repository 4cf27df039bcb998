import type { Space } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpace, type SpaceRef } from '../permissions/space-access.ts';
import type { PropertySelector } from '../properties/content-property.ts';

/** A property with the space it belongs to (presenters link to both). */
export interface SpaceProperty {
  space: Space;
  property: Property;
}

/** A property of `space`, by key (v1) or id (v2); one of another space or of content is as missing. */
export async function requireSpaceProperty(
  properties: PropertiesRepository,
  space: Space,
  selector: PropertySelector,
): Promise<Property> {
  const property =
    'key' in selector
      ? await properties.find({ spaceId: space.id }, selector.key)
      : await properties.findById(selector.id);
  const owned = property && 'spaceId' in property.owner && property.owner.spaceId === space.id;
  if (!property || !owned) throw missingSpaceProperty(space, selector);
  return property;
}

export function missingSpaceProperty(space: Space, selector: PropertySelector) {
  const name = 'key' in selector ? `key '${selector.key}'` : `id ${selector.id}`;
  return notFound(`No property with ${name} found in space ${space.key}`, {
    spaceKey: space.key,
    ...selector,
  });
}

/** `GET /rest/api/space/{spaceKey}/property/{key}` and v2's `/spaces/{id}/properties/{property-id}`. */
export async function getSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceRef: SpaceRef,
  selector: PropertySelector,
): Promise<SpaceProperty> {
  const space = await requireVisibleSpace(deps, principal, spaceRef);
  return { space, property: await requireSpaceProperty(deps.store.properties, space, selector) };
}
