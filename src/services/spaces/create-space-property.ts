import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkPropertyKey, checkPropertyValue } from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter, type SpaceRef } from '../permissions/space-access.ts';
import { insertNewProperty } from '../properties/property-writes.ts';
import type { SpaceProperty } from './get-space-property.ts';

export interface NewSpacePropertyInput {
  key: unknown;
  value: unknown;
}

/**
 * `POST /rest/api/space/{spaceKey}/property[/{key}]` and v2's `POST /spaces/{id}/properties`: version 1 of a new property. Data Center lets anyone
 * who may edit the space do this; an existing key is a 400, as its spec says.
 */
export async function createSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceRef: SpaceRef,
  input: NewSpacePropertyInput,
): Promise<SpaceProperty> {
  const authorId = requireWriter(principal);
  const key = checkPropertyKey(input.key);
  const value = checkPropertyValue(input.value);
  const space = await requireSpaceAdmin(deps, principal, spaceRef);
  return deps.store.transaction(async (repositories) => {
    const owner = { spaceId: space.id };
    const property = await insertNewProperty(
      repositories.properties,
      owner,
      { key, value, authorId, updatedAtMs: deps.clock.nowMs() },
      () => badRequest(`A property with key '${key}' already exists in space ${space.key}`, { key }),
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space property created',
      space,
      changes: [{ name: `Property ${key}`, before: undefined, after: property.value }],
    });
    return { space, property };
  });
}
