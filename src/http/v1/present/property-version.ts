import type { Property } from '../../../domain/property.ts';
import { isoOf } from '../../common/time.ts';

/** A space or content property's `version`. */
export function presentV1PropertyVersion(property: Property) {
  return {
    when: isoOf(property.updatedAtMs),
    message: property.versionMessage,
    number: property.versionNumber,
    minorEdit: property.minorEdit,
    hidden: false,
  };
}
