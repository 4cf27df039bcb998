import { Type } from 'typebox';
import { FieldsBody, PagedQuery, v1QueryOf } from './common.ts';

export { PagedQuery };

/** Whom: DC by `username` or `key`, Cloud by `accountId`. */
export const UserSelectorQuery = v1QueryOf('username', 'key', 'accountId', 'expand');
export const MembershipQuery = v1QueryOf('username', 'key', 'accountId', 'start', 'limit', 'expand');
export const ExpandQuery = v1QueryOf('expand');
export const MembershipParams = Type.Object({ username: Type.String(), groupName: Type.String() });

/** DC's `PUT /user/current`: the caller's own details, checked by the use case. */
export const OwnDetailsBody = FieldsBody('fullName', 'email', 'currentPassword');
export const PasswordChangeBody = FieldsBody('oldPassword', 'newPassword');

export const GroupNameParams = Type.Object({ groupName: Type.String() });
export const GroupIdParams = Type.Object({ groupId: Type.String() });
export const GroupIdQuery = v1QueryOf('id');
export const GroupMemberQuery = v1QueryOf('groupId', 'accountId');
export const GroupCreateBody = FieldsBody('name', 'type');
export const GroupMemberBody = FieldsBody('accountId');
