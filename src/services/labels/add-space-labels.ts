import type { Space } from '../../domain/content.ts';
import { checkLabel, type Label, type LabelInput } from '../../domain/label.ts';
import type { Slice } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';

// What the add answers with: the space's labels as Cloud's default page (limit 200) shows them.
const answeredWindow = { start: 0, limit: 200 };

/**
 * Cloud v1 `POST /space/{key}/label` and Data Center's `POST /space/{key}/category/{name}` (a `team`
 * label): adds labels to a space and keeps those it has. Changing what describes a space is for its
 * administrators; every label is checked before any is stored.
 */
export async function addSpaceLabels(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  inputs: readonly LabelInput[],
): Promise<{ space: Space; labels: Slice<Label> }> {
  const ownerId = requireWriter(principal);
  const wanted = inputs.map(checkLabel);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  return deps.store.transaction(async (repositories) => {
    const added: string[] = [];
    const nowMs = deps.clock.nowMs();
    for (const { prefix, name } of wanted) {
      const label = await repositories.labels.ensure(prefix, name);
      if (await repositories.labels.attachToSpace(space.id, label.id, ownerId, nowMs)) {
        added.push(`${prefix}:${name}`);
      }
    }
    if (added.length > 0) {
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Spaces',
        summary: added.length === 1 ? 'Space label added' : 'Space labels added',
        space,
        changes: added.map((label) => ({ name: 'Label', before: '', after: label })),
      });
    }
    return { space, labels: await repositories.labels.listOnSpace(space.id, {}, answeredWindow) };
  });
}
