import type { Content, Space } from '../../domain/content.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { checkLabel } from '../../domain/label.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { User } from '../../domain/user.ts';
import type { WatchTarget } from '../../domain/watch.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { findUser, type UserSelector } from '../users/find-user.ts';

/** `/user/watch/content/{contentId}`, `/user/watch/space/{spaceKey}` or `/user/watch/label/{labelName}`. */
export type WatchedThing = { contentId: number } | { spaceKey: string } | { labelName: string };

export interface WatchSubject {
  watcher: User;
  target: WatchTarget;
  /** For the audit record: the content's type and id, or `space` and its key. */
  objectType: string;
  objectId: string;
  /** What is watched, for the audit record to name. */
  content?: Content;
  space?: Space;
}

const named = (selector: UserSelector) =>
  Object.values(selector).some((value) => value !== undefined && value !== '');

/**
 * The watcher is the caller unless `username`, `key` or `accountId` names someone else, which only an
 * administrator may do (both specs). The target must exist and be visible, else 404 (api-reference.md §0.2).
 */
export async function resolveWatchSubject(
  deps: ServiceDeps,
  principal: Principal,
  thing: WatchedThing,
  selector: UserSelector,
): Promise<WatchSubject> {
  let watcher: User;
  if (named(selector)) {
    watcher = await findUser(deps, principal, selector);
    const self = principal.kind === 'user' && principal.user.id === watcher.id;
    if (!self && !isAdministrator(principal)) {
      throw forbidden('Only administrators may look at or change the watches of another user');
    }
  } else if (principal.kind === 'user') {
    watcher = principal.user;
  } else {
    throw forbidden('Anonymous users cannot watch content or spaces');
  }

  if ('contentId' in thing) {
    const content = await requireVisibleContent(deps, principal, thing.contentId, [
      'current',
      'draft',
      'archived',
    ]);
    return {
      watcher,
      target: { contentId: content.id },
      objectType: content.type,
      objectId: String(content.id),
      content,
    };
  }
  if ('labelName' in thing) {
    const { prefix, name } = checkLabel({ name: thing.labelName });
    const label = await deps.store.labels.find(prefix, name);
    if (!label) throw notFound(`No label named '${thing.labelName}'`, { labelName: thing.labelName });
    return { watcher, target: { labelId: label.id }, objectType: 'label', objectId: `${prefix}:${name}` };
  }
  const space: Space = await requireVisibleSpaceByKey(deps, principal, thing.spaceKey);
  return { watcher, target: { spaceId: space.id }, objectType: 'space', objectId: space.key, space };
}
