import type { Content } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import { purgeContent } from '../content/delete-content.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireAttachment } from './require-attachment.ts';

/**
 * The Extender's hard delete (`…/content/attachment/{id}/delete`, api-reference.md §6): every version goes
 * at once, current or trashed, without passing through the trash; bytes nothing else uses are removed.
 */
export async function purgeAttachment(deps: ServiceDeps, principal: Principal, id: number): Promise<Content> {
  // The plugin lets administrators and those who can see the attachment delete it; Tributary also asks
  // for the space permission to delete it (or, for one's own upload, to delete own).
  requireWriter(principal);
  const attachment = await requireAttachment(deps, principal, id, ['current', 'trashed']);
  await requireRight(deps, principal, attachment, 'delete');
  await purgeContent(deps, principal, id);
  return attachment;
}
