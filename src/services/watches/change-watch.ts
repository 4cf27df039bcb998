import { checkLabel } from '../../domain/label.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import type { UserSelector } from '../users/find-user.ts';
import { resolveWatchSubject, type WatchedThing } from './watch-subject.ts';

/**
 * `POST` (watching) and `DELETE` (not watching) `/rest/api/user/watch/…` (content, space, label): asking for the state that already
 * holds changes nothing and is no error (204 either way); only a real change is audited.
 */
export async function changeWatch(
  deps: ServiceDeps,
  principal: Principal,
  thing: WatchedThing,
  watching: boolean,
  selector: UserSelector = {},
): Promise<void> {
  // A label may be watched before anything carries it: the watch is on the name, so the name is made.
  if (watching && 'labelName' in thing && principal.kind === 'user') {
    const { prefix, name } = checkLabel({ name: thing.labelName });
    await deps.store.labels.ensure(prefix, name);
  }
  const subject = await resolveWatchSubject(deps, principal, thing, selector);
  await deps.store.transaction(async (repositories) => {
    const changed = watching
      ? await repositories.watches.add(subject.watcher.id, subject.target, deps.clock.nowMs())
      : await repositories.watches.remove(subject.watcher.id, subject.target);
    if (!changed) return;
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Watches',
      summary: watching ? 'Watch added' : 'Watch removed',
      content: subject.content,
      space: subject.space,
      ...('labelId' in subject.target && { objectType: subject.objectType, objectId: subject.objectId }),
      changes: [
        {
          name: 'Watcher',
          before: watching ? '' : subject.watcher.username,
          after: watching ? subject.watcher.username : '',
        },
      ],
      associated: [{ type: 'user', name: subject.watcher.displayName, id: subject.watcher.username }],
    });
  });
}
