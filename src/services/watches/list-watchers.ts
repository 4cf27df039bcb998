import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireSpaceAdmin } from '../permissions/space-access.ts';

/**
 * Data Center `GET /space/{key}/watchers` and Cloud v1 `GET /space/{key}/watch`: who watches the space.
 * Who watches what is for the space's administrators (and the site's), as Data Center documents.
 */
export async function listSpaceWatchers(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  window: Window,
): Promise<Slice<User>> {
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  return deps.store.watches.watchers({ spaceId: space.id }, window);
}

/** Data Center `GET /content/{id}/watchers`: who watches a page or blog post (400 for anything else). */
export async function listContentWatchers(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  window: Window,
): Promise<Slice<User>> {
  const content = await requireVisibleContent(deps, principal, contentId, ['current', 'draft', 'archived']);
  if (content.type !== 'page' && content.type !== 'blogpost') {
    throw badRequest(`Content ${content.id} is a ${content.type}: only pages and blog posts have watchers`, {
      contentId: content.id,
    });
  }
  await requireSpaceAdmin(deps, principal, { id: content.spaceId ?? -1 });
  return deps.store.watches.watchers({ contentId: content.id }, window);
}
