import { Type } from 'typebox';
import { FieldsBody, Maybe, OptionalBody, PagedQuery, v1QueryOf } from './common.ts';

export { PagedQuery };

/** Whom: DC by `username` or `key`, Cloud by `accountId`. */
export const UserSelectorQuery = v1QueryOf('username', 'key', 'accountId', 'expand');
export const MembershipQuery = v1QueryOf('username', 'key', 'accountId', 'start', 'limit', 'expand');
export const MembershipParams = Type.Object({ username: Type.String(), groupName: Type.String() });

/** DC's `PUT /user/current`: the caller's own details, checked by the use case. */
export const OwnDetailsBody = OptionalBody(
  Type.Object({
    fullName: Type.Optional(Type.String()),
    email: Maybe(Type.String()),
    currentPassword: Type.Optional(Type.Unknown()),
  }),
);
/** An old password of any type is read, and one that is no string is refused as wrong (403). */
export const PasswordChangeBody = OptionalBody(
  Type.Object({ oldPassword: Type.Optional(Type.Unknown()), newPassword: Type.Optional(Type.String()) }),
);

export const GroupNameParams = Type.Object({ groupName: Type.String() });
export const GroupIdParams = Type.Object({ groupId: Type.String() });
export const GroupIdQuery = v1QueryOf('id');
export const GroupMemberQuery = v1QueryOf('groupId', 'accountId');
export const GroupCreateBody = FieldsBody('name', 'type');
export const GroupMemberBody = FieldsBody('accountId');
/**
 * Cloud's lookups by account id: `accountId=a,b` or `accountId=a&accountId=b`. The v1 hook keeps only the
 * first, so the route reads every value from the URL; the schema names the parameter.
 */
export const AccountIdsQuery = v1QueryOf('accountId');
