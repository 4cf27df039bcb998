import type { Content, Space } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { WatchTarget } from '../../domain/watch.ts';
import { requireSignedIn } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { canViewContent } from '../permissions/policy.ts';
import { principalOfUser } from '../users/principal-of-user.ts';

const everyWatcher: Window = { start: 0, limit: Number.MAX_SAFE_INTEGER };

export interface NotifiedWatchers {
  content: Content;
  /** The content's space, for space watches. */
  space: Space | undefined;
  watchers: Slice<User>;
}

/**
 * `GET /content/{id}/notification/child-created` (the content's watchers) and `…/created` (its space's):
 * who would be told of a change to the content. Watchers who are deactivated, or who may no longer see the
 * content, are not told and are left out.
 */
export async function listNotifiedWatchers(
  deps: ServiceDeps,
  principal: Principal,
  contentId: number,
  of: 'content' | 'space',
  window: Window,
): Promise<NotifiedWatchers> {
  requireSignedIn(principal);
  const content = await requireVisibleContent(deps, principal, contentId);
  const space = content.spaceId === null ? undefined : await deps.store.spaces.findById(content.spaceId);
  const target: WatchTarget | undefined =
    of === 'content' ? { contentId: content.id } : space && { spaceId: space.id };
  // Every watcher is read: who is told is decided per watcher below, so the window applies after that.
  const watchers = target ? await deps.store.watches.watchers(target, everyWatcher) : { items: [] };
  const told: User[] = [];
  for (const user of watchers.items) {
    if (!user.active) continue;
    if (await canViewContent(deps, await principalOfUser(deps, user), content)) told.push(user);
  }
  return {
    content,
    space,
    watchers: { items: told.slice(window.start, window.start + window.limit), total: told.length },
  };
}
