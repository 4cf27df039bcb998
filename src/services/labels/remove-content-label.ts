import { notFound } from '../../domain/errors.ts';
import { labelOfQualifiedName } from '../../domain/label.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';

/**
 * `DELETE /rest/api/content/{id}/label/{label}` and `…/label?name=`: a label the content does not carry
 * is a 404, as Data Center documents ("content or label doesn't exist"), and nothing changes.
 */
export async function removeContentLabel(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  rawName: string,
): Promise<void> {
  requireWriter(principal);
  const content = await requireContentOfType(deps, principal, target);
  await requireRight(deps, principal, content, 'update');
  const { prefix, name } = labelOfQualifiedName(rawName);
  await deps.store.transaction(async (repositories) => {
    const label = await repositories.labels.find(prefix, name);
    if (!label || !(await repositories.labels.detach(content.id, label.id))) {
      throw notFound(`Label '${rawName}' is not on content ${content.id}`, {
        contentId: content.id,
        label: rawName,
      });
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Label removed',
      content,
      webhookEvent: 'label_removed',
      changes: [{ name: 'Label', before: `${prefix}:${name}`, after: '' }],
    });
  });
}
