import type { User } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';
import { presentV1User } from './user.ts';

/** `WatchUser`: the user without `_links` and `_expandable`, with the fields Cloud always sends. */
export function presentWatchUser(user: User, surface: Surface) {
  const { _links, _expandable, ...shown } = presentV1User(user, surface);
  return {
    ...shown,
    accountId: user.accountId,
    accountType: 'atlassian',
    email: user.email ?? '',
    publicName: user.displayName,
    isExternalCollaborator: false,
    externalCollaborator: false,
    isGuest: false,
    operations: null,
    personalSpace: null,
  };
}
