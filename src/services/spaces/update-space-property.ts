import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  checkPropertyKey,
  checkPropertyValue,
  propertyVersionNotesOf,
  propertyVersionNumberOf,
} from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter, type SpaceRef } from '../permissions/space-access.ts';
import type { PropertySelector } from '../properties/content-property.ts';
import { reviseProperty } from '../properties/property-writes.ts';
import { missingSpaceProperty, requireSpaceProperty, type SpaceProperty } from './get-space-property.ts';

export interface SpacePropertyUpdateInput {
  /** When sent it must be the property's own key (keys cannot be renamed). */
  key?: unknown;
  value: unknown;
  /** `{ number }`: the current version plus one. */
  version: unknown;
}

/**
 * `PUT /rest/api/space/{spaceKey}/property/{key}`: the new version must be the current one plus one (409
 * otherwise). Version 1 of a property that does not exist creates it, as Data Center documents; v2's
 * `PUT /spaces/{id}/properties/{property-id}` addresses an existing property by id, so it never creates.
 */
export async function updateSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceRef: SpaceRef,
  selector: PropertySelector,
  input: SpacePropertyUpdateInput,
): Promise<SpaceProperty> {
  const authorId = requireWriter(principal);
  if ('key' in selector) checkPropertyKey(selector.key);
  const versionNumber = propertyVersionNumberOf(input.version);
  const notes = propertyVersionNotesOf(input.version);
  const value = checkPropertyValue(input.value);
  const space = await requireSpaceAdmin(deps, principal, spaceRef);

  return deps.store.transaction(async (repositories) => {
    const owner = { spaceId: space.id };
    const nowMs = deps.clock.nowMs();
    const existing =
      'key' in selector
        ? await repositories.properties.find(owner, selector.key)
        : await requireSpaceProperty(repositories.properties, space, selector);
    const key = existing?.key ?? ('key' in selector ? selector.key : '');
    if (input.key !== undefined && input.key !== key) {
      throw badRequest(
        `The property key in the body (${String(input.key)}) differs from the property's (${key})`,
        {
          field: 'key',
        },
      );
    }
    const property = await reviseProperty(
      repositories.properties,
      owner,
      existing,
      { key, value, versionNumber, notes, authorId, updatedAtMs: nowMs },
      () => missingSpaceProperty(space, selector),
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: existing ? 'Space property updated' : 'Space property created',
      space,
      changes: [
        { name: `Property ${key}`, before: existing?.value, after: property.value },
        { name: `Property ${key} version`, before: existing?.versionNumber, after: property.versionNumber },
      ],
    });
    return { space, property };
  });
}
