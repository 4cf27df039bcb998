import type { ClassificationLevel } from '../../domain/classification.ts';
import type { ContentStatus } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentTarget } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireClassifiedContent } from './classification-rules.ts';

const readableStatuses: readonly ContentStatus[] = ['current', 'draft', 'archived'];

/**
 * The classification level of any content by id (v2 `GET /pages/{id}/classification-level`, the blog
 * post one, and any other type named in `target.types`): its own level, else its space's default, else
 * 404 as the spec says. `status` defaults to `current`; a draft's level needs the right to edit it.
 */
export async function getContentClassification(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  status: unknown = 'current',
): Promise<ClassificationLevel> {
  const content = await requireClassifiedContent(deps, principal, target, status, readableStatuses);
  if (content.status === 'draft') await requireRight(deps, principal, content, 'update');
  const { classifications } = deps.store;
  const ownId = await classifications.contentLevelOf(content.id);
  const levelId =
    ownId ?? (content.spaceId === null ? undefined : await classifications.spaceDefaultOf(content.spaceId));
  const level = levelId === undefined ? undefined : await classifications.findLevel(levelId);
  if (!level) {
    throw notFound(`${content.type} ${content.id} has no classification level`, { contentId: content.id });
  }
  return level;
}
