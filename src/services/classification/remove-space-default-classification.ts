import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';
import { levelNameOf } from './classification-rules.ts';

/**
 * v2 `DELETE /spaces/{id}/classification-level/default`: the space's content keeps only the levels set on
 * it. Removing a default the space does not have changes nothing and is not an error.
 */
export async function removeSpaceDefaultClassification(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<void> {
  requireWriter(principal);
  const space = await requireSpaceAdmin(deps, principal, { id: spaceId });
  await deps.store.transaction(async (repositories) => {
    const before = await repositories.classifications.spaceDefaultOf(space.id);
    if (before === undefined) return;
    await repositories.classifications.clearSpaceDefault(space.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space default classification level removed',
      space,
      changes: [
        {
          name: 'Default classification level',
          before: await levelNameOf(repositories.classifications, before),
          after: undefined,
        },
      ],
    });
  });
}
