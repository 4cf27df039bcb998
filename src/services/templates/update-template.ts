import type { Space } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Template } from '../../domain/template.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  ensureTemplateLabels,
  requireTemplate,
  requireTemplateAdministrator,
  type TemplateInput,
  templateFieldsOf,
} from './template-access.ts';

/** `PUT /template`: new name, description, body and labels; a template stays in its space. */
export async function updateTemplate(
  deps: ServiceDeps,
  principal: Principal,
  input: TemplateInput & { templateId?: string; spaceKey?: string },
): Promise<{ template: Template; space: Space | undefined }> {
  if (input.templateId === undefined || input.templateId === '') {
    throw badRequest('templateId is required', { field: 'templateId' });
  }
  const fields = templateFieldsOf(input);
  const { template, space } = await requireTemplate(deps, principal, input.templateId);
  if (input.spaceKey !== undefined && input.spaceKey !== (space?.key ?? null)) {
    throw badRequest('A template cannot move to another space', { field: 'space' });
  }
  await requireTemplateAdministrator(deps, principal, space);
  const updated = await deps.store.transaction(async (repositories) => {
    const changed = await repositories.templates.update(template.id, {
      name: fields.name,
      description: fields.description,
      body: fields.body,
      labels: await ensureTemplateLabels(repositories, fields.labels),
      updatedAtMs: deps.clock.nowMs(),
    });
    if (!changed) throw notFound(`No template with id ${template.id}`, { templateId: template.id });
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Space configuration',
      summary: 'Template updated',
      objectType: 'template',
      objectId: String(template.id),
      objectName: changed.name,
      space: space ?? null,
      changes: [{ name: 'Name', before: template.name, after: changed.name }],
    });
    return changed;
  });
  return { template: updated, space };
}
