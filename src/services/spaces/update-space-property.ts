import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkPropertyKey, checkPropertyValue } from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey, requireWriter } from '../permissions/space-access.ts';
import { requireSpaceProperty, type SpaceProperty } from './get-space-property.ts';

export interface SpacePropertyUpdateInput {
  /** When sent it must name the property in the path. */
  key?: unknown;
  value: unknown;
  /** `{ number }`: the current version plus one. */
  version: unknown;
}

function versionNumberOf(raw: unknown): number {
  const number = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).number : undefined;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw badRequest('version.number is required: the current version number plus one', { field: 'version' });
  }
  return number;
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
  const versionNumber = versionNumberOf(input.version);
  const value = checkPropertyValue(input.value);
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);

  return deps.store.transaction(async (repositories) => {
    const owner = { spaceId: space.id };
    const nowMs = deps.clock.nowMs();
    const existing = await repositories.properties.find(owner, key);
    let property = existing;
    if (!existing && versionNumber === 1) {
      property = await repositories.properties.insert(owner, { key, value, authorId, updatedAtMs: nowMs });
    } else {
      const current = existing ?? (await requireSpaceProperty(repositories.properties, space, key));
      property = await repositories.properties.update(current.id, {
        value,
        versionNumber,
        authorId,
        updatedAtMs: nowMs,
      });
      if (!property) {
        throw conflict(
          `Version must be incremented on update: property '${key}' is at version ${current.versionNumber}, so the next version is ${
            current.versionNumber + 1
          }, not ${versionNumber}`,
          { key, currentVersion: current.versionNumber },
        );
      }
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: existing ? 'Space property updated' : 'Space property created',
      objectType: 'space',
      objectId: space.key,
      details: { key, versionNumber },
    });
    return { space, property };
  });
}
