import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

/** What content a label, property or comment operation may address. */
export interface ContentTarget {
  id: number;
  /** v2 paths name the type (`/pages/{id}/…`): another type there is as missing as no content at all. */
  types?: readonly ContentType[] | undefined;
}

// Labels, properties and comments belong to live content; trashed content answers 404 until restored.
export const liveStatuses: readonly ContentStatus[] = ['current', 'draft', 'archived'];

export async function requireContentOfType(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  statuses: readonly ContentStatus[] = liveStatuses,
): Promise<Content> {
  const content = await requireVisibleContent(deps, principal, target.id, statuses);
  if (target.types && !target.types.includes(content.type)) {
    throw notFound(`No ${target.types.join(' or ')} found with id : ${target.id}`, { contentId: target.id });
  }
  return content;
}
