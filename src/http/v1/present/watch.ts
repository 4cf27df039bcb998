import type { Space } from '../../../domain/content.ts';
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
