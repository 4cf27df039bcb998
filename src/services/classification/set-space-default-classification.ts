import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';
import { levelNameOf, requirePublishedLevel } from './classification-rules.ts';

/** v2 `PUT /spaces/{id}/classification-level/default`: space administrators set the level its content inherits. */
export async function setSpaceDefaultClassification(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  input: { levelId: unknown },
): Promise<void> {
  requireWriter(principal);
  const space = await requireSpaceAdmin(deps, principal, { id: spaceId });
  await deps.store.transaction(async (repositories) => {
    const level = await requirePublishedLevel(repositories.classifications, input.levelId);
    const before = await repositories.classifications.spaceDefaultOf(space.id);
    await repositories.classifications.setSpaceDefault(space.id, level.id, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space default classification level changed',
      space,
      changes: [
        {
          name: 'Default classification level',
          before: await levelNameOf(repositories.classifications, before),
          after: level.name,
        },
      ],
    });
  });
}
