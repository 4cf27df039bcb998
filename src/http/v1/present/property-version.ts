import type { Property } from '../../../domain/property.ts';
import { isoOf } from '../../common/time.ts';

/** A space or content property's `version` (properties keep no message or author of their own). */
export function presentV1PropertyVersion(property: Property) {
  return {
    when: isoOf(property.updatedAtMs),
    message: '',
    number: property.versionNumber,
    minorEdit: false,
    hidden: false,
  };
}
