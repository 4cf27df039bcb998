import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type PropertySelector, requireContentProperty } from './content-property.ts';

/** `DELETE /rest/api/content/{id}/property/{key}` and v2's `…/properties/{property-id}`; a missing one is a 404. */
export async function deleteContentProperty(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  selector: PropertySelector,
): Promise<void> {
  requireWriter(principal);
  const content = await requireContentOfType(deps, principal, target);
  await requireRight(deps, principal, content, 'update');
  await deps.store.transaction(async (repositories) => {
    const property = await requireContentProperty(repositories.properties, content, selector);
    await repositories.properties.remove(property.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Content property deleted',
      content,
      changes: [{ name: `Property ${property.key}`, before: property.value, after: undefined }],
    });
  });
}
