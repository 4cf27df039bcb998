import { type GlobalOperation, operationKeyOf } from '../../../domain/permissions.ts';
import type { User } from '../../../domain/user.ts';
import type { UserProperty } from '../../../domain/user-property.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

/**
 * A user as `GET /rest/api/user` shows it. Data Center identifies people by username and userKey;
 * Cloud by accountId, and hides the other two (GDPR), so the shape follows the surface.
 */
const pictureOf = (surface: Surface, name: 'default' | 'anonymous') => ({
  path: `${surface.context}/images/icons/profilepics/${name}.svg`,
  width: 48,
  height: 48,
  isDefault: true,
});

export function presentV1User(user: User, surface: Surface, emailVisible = true) {
  const profilePicture = pictureOf(surface, 'default');
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
    email: emailVisible ? (user.email ?? '') : '',
    publicName: user.displayName,
    profilePicture,
    displayName: user.displayName,
    isExternalCollaborator: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${surface.base}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` },
  };
}

/**
 * How anonymous visitors are shown (`GET /user/anonymous`); Cloud adds `operations` when expanded: the
 * global permissions anonymous holds, as `OperationCheckResult`s.
 */
export function presentV1AnonymousUser(surface: Surface, operations: GlobalOperation[] | undefined) {
  return {
    type: 'anonymous',
    profilePicture: pictureOf(surface, 'anonymous'),
    displayName: 'Anonymous',
    ...(surface.cloud && operations !== undefined
      ? {
          operations: operations.map((operation) => {
            const { targetType, operationKey } = operationKeyOf(operation);
            return { operation: operationKey, targetType };
          }),
        }
      : surface.cloud && { _expandable: { operations: '' } }),
    _links: { base: surface.base, context: surface.context, self: `${surface.base}/rest/api/user/anonymous` },
  };
}

/** Cloud's `UserProperty`; its id is the stored row's. */
export function presentV1UserProperty(property: UserProperty, accountId: string, surface: Surface) {
  return {
    id: String(property.id),
    key: property.key,
    value: property.value,
    createdDate: isoOf(property.createdAtMs),
    lastModifiedDate: isoOf(property.updatedAtMs),
    _links: {
      self: `${surface.base}/rest/api/user/${encodeURIComponent(accountId)}/property/${encodeURIComponent(property.key)}`,
    },
  };
}

/** Cloud's `BulkUserLookupArray` (`GET /user/bulk`): one window holding every user found. */
export function presentV1BulkUsers(
  users: User[],
  surface: Surface,
  requestUrl: string,
  limit: number,
  emailVisible: (user: User) => boolean,
) {
  return {
    results: users.map((user) => presentV1User(user, surface, emailVisible(user))),
    start: 0,
    limit,
    size: users.length,
    _links: {
      base: surface.base,
      context: surface.context,
      self: surface.base + requestUrl.slice(surface.context.length),
    },
  };
}
