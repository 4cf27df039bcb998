import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import type { UserSelector } from '../users/find-user.ts';
import { resolveWatchSubject, type WatchedThing } from './watch-subject.ts';

/** `POST /rest/api/user/watch/…`: watching something already watched changes nothing and is no error. */
export async function addWatch(
  deps: ServiceDeps,
  principal: Principal,
  thing: WatchedThing,
  selector: UserSelector = {},
): Promise<void> {
  const subject = await resolveWatchSubject(deps, principal, thing, selector);
  await deps.store.transaction(async (repositories) => {
    if (!(await repositories.watches.add(subject.watcher.id, subject.target, deps.clock.nowMs()))) return;
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Watches',
      summary: 'Watch added',
      objectType: subject.objectType,
      objectId: subject.objectId,
      details: { watcher: subject.watcher.username },
    });
  });
}
