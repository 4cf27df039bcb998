import { notFound } from '../../domain/errors.ts';
import type { LabelPrefix } from '../../domain/label.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from '../permissions/space-access.ts';

export interface RemoveSpaceLabelInput {
  prefix: LabelPrefix;
  name: string;
  /** Cloud answers 404 for a label the space does not carry; Data Center's category removal does not. */
  missingIsError: boolean;
}

/** Cloud v1 `DELETE /space/{key}/label` and Data Center's `DELETE /space/{key}/category/{name}`. */
export async function removeSpaceLabel(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  input: RemoveSpaceLabelInput,
): Promise<void> {
  requireWriter(principal);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  const { prefix, name } = input;
  await deps.store.transaction(async (repositories) => {
    const label = await repositories.labels.find(prefix, name);
    const removed = label !== undefined && (await repositories.labels.detachFromSpace(space.id, label.id));
    if (!removed) {
      if (input.missingIsError) {
        throw notFound(`Label '${prefix}:${name}' is not on space ${space.key}`, { spaceKey: space.key });
      }
      return;
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Spaces',
      summary: 'Space label removed',
      space,
      changes: [{ name: 'Label', before: `${prefix}:${name}`, after: '' }],
    });
  });
}
