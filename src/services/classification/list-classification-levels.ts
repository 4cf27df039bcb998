import type { ClassificationLevel } from '../../domain/classification.ts';
import type { ServiceDeps } from '../deps.ts';

/** v2 `GET /classification-levels`: every level stored for the site, in their order, whatever their status. */
export function listClassificationLevels(deps: ServiceDeps): Promise<ClassificationLevel[]> {
  return deps.store.classifications.listLevels();
}
