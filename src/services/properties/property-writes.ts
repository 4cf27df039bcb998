import { conflict } from '../../domain/errors.ts';
import type { Property, PropertyOwner } from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';

export interface PropertyRevisionInput {
  key: string;
  value: unknown;
  versionNumber: number;
  /** `version.message` and `version.minorEdit` of an update; a new property starts with none. */
  notes?: { message: string; minorEdit: boolean };
  authorId: number | null;
  updatedAtMs: number;
}

/**
 * Confluence's property write rule, for space and content properties alike: version 1 of a key that does
 * not exist creates it; otherwise the new version must be the stored one plus one, else 409.
 * `missing` is the caller's not-found error, for a later version of a key that does not exist.
 */
export async function reviseProperty(
  properties: PropertiesRepository,
  owner: PropertyOwner,
  existing: Property | undefined,
  revision: PropertyRevisionInput,
  missing: () => Error,
): Promise<Property> {
  const { key, value, versionNumber, authorId, updatedAtMs, notes } = revision;
  if (!existing) {
    if (versionNumber !== 1) throw missing();
    return properties.insert(owner, { key, value, authorId, updatedAtMs });
  }
  const updated = await properties.update(existing.id, {
    value,
    versionNumber,
    versionMessage: notes?.message ?? '',
    minorEdit: notes?.minorEdit ?? false,
    authorId,
    updatedAtMs,
  });
  if (!updated) {
    throw conflict(
      `Version must be incremented on update: property '${key}' is at version ${existing.versionNumber}, so the next version is ${
        existing.versionNumber + 1
      }, not ${versionNumber}`,
      { key, currentVersion: existing.versionNumber },
    );
  }
  return updated;
}

/** Version 1 of a new key; an existing key is a 400 on every surface (`duplicate` words it). */
export async function insertNewProperty(
  properties: PropertiesRepository,
  owner: PropertyOwner,
  revision: Omit<PropertyRevisionInput, 'versionNumber'>,
  duplicate: () => Error,
): Promise<Property> {
  if (await properties.find(owner, revision.key)) throw duplicate();
  return properties.insert(owner, revision);
}
