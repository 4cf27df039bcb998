import type { Content } from '../../domain/content.ts';
import { checkLabel, type Label, type LabelInput } from '../../domain/label.ts';
import type { Slice } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

// What the add answers with: every label now on the content, as the v1 default page (limit 200) shows it.
const answeredWindow = { start: 0, limit: 200 };

/**
 * `POST /rest/api/content/{id}/label`: adds labels and keeps the ones already there. Every label is
 * checked before any is stored, so one bad name leaves the content as it was.
 */
export async function addContentLabels(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  inputs: readonly LabelInput[],
): Promise<{ content: Content; labels: Slice<Label> }> {
  const ownerId = requireWriter(principal);
  const wanted = inputs.map(checkLabel);
  const content = await requireContentOfType(deps, principal, target);
  await requireRight(deps, principal, content, 'update');
  return deps.store.transaction(async (repositories) => {
    const added: string[] = [];
    const nowMs = deps.clock.nowMs();
    for (const { prefix, name } of wanted) {
      const label = await repositories.labels.ensure(prefix, name);
      if (await repositories.labels.attach(content.id, label.id, ownerId, nowMs))
        added.push(`${prefix}:${name}`);
    }
    if (added.length > 0) {
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Content',
        summary: added.length === 1 ? 'Label added' : 'Labels added',
        content,
        webhookEvent: 'label_added',
        changes: added.map((label) => ({ name: 'Label', before: '', after: label })),
      });
    }
    return { content, labels: await repositories.labels.listOnContent(content.id, {}, answeredWindow) };
  });
}
