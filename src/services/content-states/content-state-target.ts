import type { Content, ContentStatus } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';

/** Content states go on pages and blog posts, published or draft (or, to read, archived). */
export async function requireStateContent(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  statuses: readonly ContentStatus[],
): Promise<Content> {
  const content = await requireVisibleContent(deps, principal, id, statuses);
  if (content.type !== 'page' && content.type !== 'blogpost') {
    throw badRequest('Content states are kept on pages and blog posts only', { contentId: id });
  }
  return content;
}

/** `status` as the state paths take it: one of `allowed`, `fallback` when absent. */
export function stateStatusOf<S extends ContentStatus>(
  raw: unknown,
  allowed: readonly S[],
  fallback: S | undefined,
): S {
  const status = raw === undefined ? fallback : allowed.find((candidate) => candidate === raw);
  if (status === undefined)
    throw badRequest(`status must be one of ${allowed.join(', ')}`, { field: 'status' });
  return status;
}
