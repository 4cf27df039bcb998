import type { ClassificationLevel } from '../../domain/classification.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceById } from '../permissions/space-access.ts';

/** v2 `GET /spaces/{id}/classification-level/default`: 404 when the space has none, as the spec says. */
export async function getSpaceDefaultClassification(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<ClassificationLevel> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  const levelId = await deps.store.classifications.spaceDefaultOf(space.id);
  const level = levelId === undefined ? undefined : await deps.store.classifications.findLevel(levelId);
  if (!level) {
    throw notFound(`Space ${space.key} has no default classification level`, { spaceId: space.id });
  }
  return level;
}
