import type { User } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';

/**
 * A user as `GET /rest/api/user` shows it. Data Center identifies people by username and userKey;
 * Cloud by accountId, and hides the other two (GDPR), so the shape follows the surface.
 */
export function presentV1User(user: User, surface: Surface) {
  const profilePicture = {
    path: `${surface.context}/images/icons/profilepics/default.svg`,
    width: 48,
    height: 48,
    isDefault: true,
  };
  if (!surface.cloud) {
    return {
      type: 'known',
      username: user.username,
      userKey: user.userKey,
      profilePicture,
      displayName: user.displayName,
      _links: { self: `${surface.base}/rest/api/user?key=${user.userKey}` },
      _expandable: { status: '' },
    };
  }
  return {
    type: 'known',
    accountId: user.accountId,
    accountType: 'atlassian',
    email: user.email ?? '',
    publicName: user.displayName,
    profilePicture,
    displayName: user.displayName,
    isExternalCollaborator: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${surface.base}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` },
  };
}
