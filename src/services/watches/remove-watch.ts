import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import type { UserSelector } from '../users/find-user.ts';
import { resolveWatchSubject, type WatchedThing } from './watch-subject.ts';

/** `DELETE /rest/api/user/watch/…`: removing a watch that does not exist is no error (204 either way). */
export async function removeWatch(
  deps: ServiceDeps,
  principal: Principal,
  thing: WatchedThing,
  selector: UserSelector = {},
): Promise<void> {
  const subject = await resolveWatchSubject(deps, principal, thing, selector);
  await deps.store.transaction(async (repositories) => {
    if (!(await repositories.watches.remove(subject.watcher.id, subject.target))) return;
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Watches',
      summary: 'Watch removed',
      objectType: subject.objectType,
      objectId: subject.objectId,
      details: { watcher: subject.watcher.username },
    });
  });
}
