import type { Principal } from '../../domain/principal.ts';
import { checkPropertyKey, checkPropertyValue } from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWriter } from '../permissions/space-access.ts';
import {
  duplicateProperty,
  type OwnedProperty,
  type PropertyOwnerRef,
  propertyAudit,
  requirePropertyOwner,
  storeOwnerOf,
} from './property-owner.ts';

export interface NewPropertyInput {
  key: string;
  /** Any JSON value; none (or null) is refused. */
  value: unknown;
}

/**
 * `POST /rest/api/content/{id}/property[/{key}]`, `POST /rest/api/space/{spaceKey}/property[/{key}]` and
 * v2's `POST …/properties` of both: version 1 of a new property. An existing key is a 400 and a value over
 * the limit a 413, as the specs document.
 */
export async function createProperty(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  input: NewPropertyInput,
): Promise<OwnedProperty> {
  const authorId = requireWriter(principal);
  const key = checkPropertyKey(input.key);
  const value = checkPropertyValue(input.value);
  const owner = await requirePropertyOwner(deps, principal, ref, 'write');
  return deps.store.transaction(async (repositories) => {
    const storeOwner = storeOwnerOf(owner);
    if (await repositories.properties.find(storeOwner, key)) throw duplicateProperty(owner, key);
    const property = await repositories.properties.insert(storeOwner, {
      key,
      value,
      authorId,
      updatedAtMs: deps.clock.nowMs(),
    });
    await recordAudit(repositories, deps.clock, principal, {
      ...propertyAudit(owner, 'created'),
      changes: [{ name: `Property ${key}`, before: undefined, after: property.value }],
    });
    return { owner, property };
  });
}
