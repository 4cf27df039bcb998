import type { User } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';

export function presentV2User(user: User, surface: Surface) {
  return {
    accountId: user.accountId,
    accountType: 'atlassian',
    accountStatus: user.active ? 'active' : 'inactive',
    email: user.email ?? '',
    publicName: user.displayName,
    displayName: user.displayName,
    isExternalCollaborator: false,
    profilePicture: { path: `${surface.context}/images/icons/profilepics/default.svg`, isDefault: true },
  };
}
