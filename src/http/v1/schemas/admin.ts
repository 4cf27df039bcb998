import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

export const UsernameParams = Type.Object({ username: Type.String() });
export const GroupNameParams = Type.Object({ groupName: Type.String() });
export const PagedQuery = v1QueryOf('start', 'limit');
/** DC's `UserDetailsForCreation`; the use case checks each field. */
export const UserCreateBody = FieldsBody('userName', 'fullName', 'email', 'password', 'notifyViaEmail');
export const UserUpdateBody = FieldsBody('fullName', 'email');
export const PasswordBody = FieldsBody('password');
export const GroupBody = FieldsBody('name', 'type');
