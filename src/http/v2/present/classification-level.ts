import type { ClassificationLevel } from '../../../domain/classification.ts';

/** `ClassificationLevel` of the v2 spec. */
export function presentV2ClassificationLevel(level: ClassificationLevel) {
  return {
    id: level.id,
    status: level.status,
    order: level.order,
    name: level.name,
    description: level.description,
    guideline: level.guideline,
    color: level.color,
  };
}
