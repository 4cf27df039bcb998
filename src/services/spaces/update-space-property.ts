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
import {
  requireSpaceAdministrator,
  requireVisibleSpaceByKey,
  requireWriter,
} from '../permissions/space-access.ts';
import { reviseProperty } from '../properties/property-writes.ts';
import { missingSpaceProperty, type SpaceProperty } from './get-space-property.ts';

export interface SpacePropertyUpdateInput {
  /** When sent it must name the property in the path. */
  key?: unknown;
  value: unknown;
  /** `{ number }`: the current version plus one. */
  version: unknown;
}

/**
 * `PUT /rest/api/space/{spaceKey}/property/{key}`: the new version must be the current one plus one (409
 * otherwise). Version 1 of a property that does not exist creates it, as Data Center documents.
 */
export async function updateSpaceProperty(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  key: string,
  input: SpacePropertyUpdateInput,
): Promise<SpaceProperty> {
  const authorId = requireWriter(principal);
  checkPropertyKey(key);
  if (input.key !== undefined && input.key !== key) {
    throw badRequest(
      `The property key in the body (${String(input.key)}) differs from the one in the path (${key})`,
      {
        field: 'key',
      },
    );
  }
  const versionNumber = propertyVersionNumberOf(input.version);
  const notes = propertyVersionNotesOf(input.version);
  const value = checkPropertyValue(input.value);
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  await requireSpaceAdministrator(deps, principal, space);

  return deps.store.transaction(async (repositories) => {
    const owner = { spaceId: space.id };
    const nowMs = deps.clock.nowMs();
    const existing = await repositories.properties.find(owner, key);
    const property = await reviseProperty(
      repositories.properties,
      owner,
      existing,
      { key, value, versionNumber, notes, authorId, updatedAtMs: nowMs },
      () => missingSpaceProperty(space, key),
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
