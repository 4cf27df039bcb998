import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireTemplate, requireTemplateAdministrator } from './template-access.ts';

/** `DELETE /template/{id}`: the template goes; pages made from it stay as they are. */
export async function deleteTemplate(deps: ServiceDeps, principal: Principal, rawId: string): Promise<void> {
  const { template, space } = await requireTemplate(deps, principal, rawId);
  await requireTemplateAdministrator(deps, principal, space);
  await deps.store.transaction(async (repositories) => {
    await repositories.templates.remove(template.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Space configuration',
      summary: 'Template deleted',
      objectType: 'template',
      objectId: String(template.id),
      objectName: template.name,
      space: space ?? null,
    });
  });
}
