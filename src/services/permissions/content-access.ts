import type { Content, ContentStatus } from '../../domain/content.ts';
import { contentNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { canViewContent } from './policy.ts';

/**
 * The content if it exists, has one of `statuses` (any when omitted) and the caller may see it; otherwise
 * the same 404 Confluence gives (api-reference.md §0.2: invisible is reported as missing).
 */
export async function requireVisibleContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses?: readonly ContentStatus[],
): Promise<Content> {
  const content = await deps.store.content.findById(id);
  const visible =
    content !== undefined &&
    (statuses === undefined || statuses.includes(content.status)) &&
    (await canViewContent(deps, principal, content));
  if (!visible || !content) throw contentNotFound(id);
  return content;
}
