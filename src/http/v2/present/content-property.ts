import type { Property } from '../../../domain/property.ts';
import { isoOf } from '../../common/time.ts';

/** What v2's content and space properties share; each spec names the version's author differently. */
function presentV2Property(property: Property, version: Record<string, unknown>) {
  return {
    id: String(property.id),
    key: property.key,
    value: property.value,
    version: {
      createdAt: isoOf(property.updatedAtMs),
      message: property.versionMessage,
      number: property.versionNumber,
      ...version,
    },
  };
}

/** `ContentProperty` of the v2 spec; `authorId` is left out when the author is unknown or deleted. */
export function presentV2ContentProperty(property: Property, authorAccountId: string | undefined) {
  return presentV2Property(property, {
    minorEdit: property.minorEdit,
    ...(authorAccountId !== undefined && { authorId: authorAccountId }),
  });
}

/**
 * `SpaceProperty` of the v2 spec: the same stored property as v1's space property. Its creation is not
 * kept apart from its versions, so `createdAt`/`createdBy` are left out; `version` names the last writer.
 */
export function presentV2SpaceProperty(property: Property, authorAccountId: string | undefined) {
  return presentV2Property(property, authorAccountId !== undefined ? { createdBy: authorAccountId } : {});
}
