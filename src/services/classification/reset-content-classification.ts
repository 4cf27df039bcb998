import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ContentTarget } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { levelNameOf, requireClassifiedContent, writableStatuses } from './classification-rules.ts';

/**
 * Resets any content's classification level to its space's default by id (v2 `POST
 * /pages/{id}/classification-level/reset` and the like): its own level is removed. Resetting content
 * that has none changes nothing. Needs the right to edit the content.
 */
export async function resetContentClassification(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  input: { status: unknown },
): Promise<void> {
  requireWriter(principal);
  const content = await requireClassifiedContent(deps, principal, target, input.status, writableStatuses);
  await requireRight(deps, principal, content, 'update');
  await deps.store.transaction(async (repositories) => {
    const before = await repositories.classifications.contentLevelOf(content.id);
    if (before === undefined) return;
    await repositories.classifications.clearContentLevel(content.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Classification level reset to the space default',
      content,
      changes: [
        {
          name: 'Classification level',
          before: await levelNameOf(repositories.classifications, before),
          after: undefined,
        },
      ],
    });
  });
}
