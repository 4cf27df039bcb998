import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  checkPropertyKey,
  checkPropertyValue,
  type Property,
  propertyVersionNotesOf,
  propertyVersionNumberOf,
} from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWriter } from '../permissions/space-access.ts';
import {
  missingProperty,
  type OwnedProperty,
  type PropertyOwnerRef,
  type PropertySelector,
  propertyAudit,
  requireOwnedProperty,
  requirePropertyOwner,
  storeOwnerOf,
} from './property-owner.ts';

interface Revision {
  value: unknown;
  versionNumber: number;
  notes: { message: string; minorEdit: boolean };
  authorId: number | null;
  updatedAtMs: number;
}

/** Confluence's rule for a property as for content: the new version is the stored one plus one, else 409. */
async function nextVersion(properties: PropertiesRepository, existing: Property, revision: Revision) {
  const { value, versionNumber, notes, authorId, updatedAtMs } = revision;
  const updated = await properties.update(existing.id, {
    value,
    versionNumber,
    versionMessage: notes.message,
    minorEdit: notes.minorEdit,
    authorId,
    updatedAtMs,
  });
  if (!updated) {
    throw conflict(
      `Version must be incremented on update: property '${existing.key}' is at version ${existing.versionNumber}, so the next version is ${
        existing.versionNumber + 1
      }, not ${versionNumber}`,
      { key: existing.key, currentVersion: existing.versionNumber },
    );
  }
  return updated;
}

/** `{ number, message?, minorEdit? }`: the number is the current version plus one. */
export interface PropertyVersionInput {
  number?: number | undefined;
  message?: string | null | undefined;
  minorEdit?: boolean | null | undefined;
}

export interface PropertyUpdateInput {
  /** When sent it must be the property's own key (keys cannot be renamed). */
  key?: string | undefined;
  /** Any JSON value; none (or null) is refused. */
  value: unknown;
  version?: PropertyVersionInput | undefined;
}

/**
 * `PUT /rest/api/content/{id}/property/{key}`, the space one, and v2's `PUT …/properties/{property-id}` of
 * both: the new version must be the current one plus one, else 409. On v1, version 1 of a key that does
 * not exist creates it, as the v1 specs document; v2 addresses an existing property by id, so it never
 * creates.
 */
export async function updateProperty(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  selector: PropertySelector,
  input: PropertyUpdateInput,
): Promise<OwnedProperty> {
  const authorId = requireWriter(principal);
  if ('key' in selector) checkPropertyKey(selector.key);
  const versionNumber = propertyVersionNumberOf(input.version);
  const notes = propertyVersionNotesOf(input.version);
  const value = checkPropertyValue(input.value);
  const owner = await requirePropertyOwner(deps, principal, ref, 'write');

  return deps.store.transaction(async (repositories) => {
    const storeOwner = storeOwnerOf(owner);
    const updatedAtMs = deps.clock.nowMs();
    const existing =
      'key' in selector
        ? await repositories.properties.find(storeOwner, selector.key)
        : await requireOwnedProperty(repositories.properties, owner, selector);
    const key = existing?.key ?? ('key' in selector ? selector.key : '');
    if (input.key !== undefined && input.key !== key) {
      throw badRequest(
        `The property key in the body (${String(input.key)}) differs from the property's (${key})`,
        { field: 'key' },
      );
    }
    // A later version of a key that does not exist has nothing to follow.
    if (!existing && versionNumber !== 1) throw missingProperty(owner, selector);
    const property = existing
      ? await nextVersion(repositories.properties, existing, {
          value,
          versionNumber,
          notes,
          authorId,
          updatedAtMs,
        })
      : await repositories.properties.insert(storeOwner, { key, value, authorId, updatedAtMs });
    await recordAudit(repositories, deps.clock, principal, {
      ...propertyAudit(owner, existing ? 'updated' : 'created'),
      changes: [
        { name: `Property ${key}`, before: existing?.value, after: property.value },
        { name: `Property ${key} version`, before: existing?.versionNumber, after: property.versionNumber },
      ],
    });
    return { owner, property };
  });
}
