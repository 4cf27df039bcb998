import type { Content, Space } from '../../../domain/content.ts';
import type { User } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';
import { presentV1User } from './user.ts';

/** Cloud's `WatchUser`: the user without `_links` and `_expandable`, with the fields it requires. */
export function presentWatchUser(user: User, surface: Surface) {
  const { _links, _expandable, ...shown } = presentV1User(user, surface);
  return {
    ...shown,
    accountId: user.accountId,
    accountType: 'atlassian',
    email: user.email ?? '',
    publicName: user.displayName,
    timeZone: null,
    operations: null,
    isGuest: false,
    isExternalCollaborator: false,
    externalCollaborator: false,
    personalSpace: null,
  };
}

/** Cloud v1 `SpaceWatch`: one watcher of a space. */
export function presentV1SpaceWatch(user: User, space: Space, surface: Surface) {
  return { type: 'space', watcher: presentWatchUser(user, surface), spaceKey: space.key };
}

/**
 * Cloud v1 `Watch`: one watcher told of a change to content. A content's watchers name the content, a
 * space's name the space (absent when the content has none).
 */
export function presentV1NotifiedWatch(
  user: User,
  surface: Surface,
  { of, content, space }: { of: 'content' | 'space'; content: Content; space: Space | undefined },
) {
  return {
    type: 'watch',
    watcher: presentWatchUser(user, surface),
    ...(of === 'content' ? { contentId: content.id } : space && { spaceKey: space.key }),
  };
}
