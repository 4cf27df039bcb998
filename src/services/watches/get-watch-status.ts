import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import type { UserSelector } from '../users/find-user.ts';
import { resolveWatchSubject, type WatchedThing } from './watch-subject.ts';

/** `GET /rest/api/user/watch/content/{id}` and `/space/{key}`: whether the user watches it. */
export async function getWatchStatus(
  deps: ServiceDeps,
  principal: Principal,
  thing: WatchedThing,
  selector: UserSelector = {},
): Promise<boolean> {
  const { watcher, target } = await resolveWatchSubject(deps, principal, thing, selector);
  return deps.store.watches.isWatching(watcher.id, target);
}
