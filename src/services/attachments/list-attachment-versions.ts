import type { Content, ContentVersion } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAttachment } from './require-attachment.ts';

/**
 * Every version of an attachment, newest first (the Extender's `…/versions`). Whoever may view the
 * attachment may list them, which includes administrators (api-reference.md §6).
 */
export async function listAttachmentVersions(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  window: Window,
): Promise<{ attachment: Content; versions: Slice<ContentVersion> }> {
  const attachment = await requireAttachment(deps, principal, id, ['current', 'trashed']);
  return { attachment, versions: await deps.store.content.listVersions(id, window) };
}
