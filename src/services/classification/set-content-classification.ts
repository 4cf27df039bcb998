import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ContentTarget } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import {
  levelNameOf,
  requireClassifiedContent,
  requirePublishedLevel,
  writableStatuses,
} from './classification-rules.ts';

/** Which level, for which version (`current` or `draft`) of the content. */
export interface ContentClassificationInput {
  levelId: string;
  status: string;
}

/**
 * Sets any content's own classification level by id (v2 `PUT /pages/{id}/classification-level`, the blog
 * post one, and any other type named in `target.types`); it then no longer follows its space's default.
 * Needs the right to edit the content.
 */
export async function setContentClassification(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  input: ContentClassificationInput,
): Promise<void> {
  requireWriter(principal);
  const content = await requireClassifiedContent(deps, principal, target, input.status, writableStatuses);
  await requireRight(deps, principal, content, 'update');
  await deps.store.transaction(async (repositories) => {
    const level = await requirePublishedLevel(repositories.classifications, input.levelId);
    const before = await repositories.classifications.contentLevelOf(content.id);
    await repositories.classifications.setContentLevel(content.id, level.id, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Classification level changed',
      content,
      changes: [
        {
          name: 'Classification level',
          before: await levelNameOf(repositories.classifications, before),
          after: level.name,
        },
      ],
    });
  });
}
