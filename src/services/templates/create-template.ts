import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Template } from '../../domain/template.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import {
  ensureTemplateLabels,
  requireTemplateAdministrator,
  type TemplateInput,
  templateFieldsOf,
} from './template-access.ts';

/** `POST /template`: a page template of a space (`space.key`) or of the whole site. */
export async function createTemplate(
  deps: ServiceDeps,
  principal: Principal,
  input: TemplateInput & { spaceKey?: string },
): Promise<{ template: Template; space: Space | undefined }> {
  const fields = templateFieldsOf(input);
  const space =
    input.spaceKey !== undefined && input.spaceKey !== ''
      ? await requireVisibleSpaceByKey(deps, principal, input.spaceKey)
      : undefined;
  await requireTemplateAdministrator(deps, principal, space);
  const nowMs = deps.clock.nowMs();
  const template = await deps.store.transaction(async (repositories) => {
    const created = await repositories.templates.insert({
      spaceId: space?.id ?? null,
      name: fields.name,
      description: fields.description,
      templateType: 'page',
      body: fields.body,
      labels: await ensureTemplateLabels(repositories, fields.labels),
      creatorId: principal.kind === 'user' ? principal.user.id : null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    });
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Space configuration',
      summary: 'Template created',
      objectType: 'template',
      objectId: String(created.id),
      objectName: created.name,
      space: space ?? null,
    });
    return created;
  });
  return { template, space };
}
