import { Type } from 'typebox';
import { FieldsBody, Maybe, OptionalBody } from './common.ts';

export const UsernameParams = Type.Object({ username: Type.String() });
export const GroupNameParams = Type.Object({ groupName: Type.String() });
/**
 * DC's `UserDetailsForCreation`; the use case checks each value. A null name is the username, a null
 * email none; `notifyViaEmail` is accepted and ignored (no mail is sent).
 */
export const UserCreateBody = OptionalBody(
  Type.Object({
    userName: Type.Optional(Type.String()),
    fullName: Maybe(Type.String()),
    email: Maybe(Type.String()),
    password: Type.Optional(Type.String()),
    notifyViaEmail: Type.Optional(Type.Unknown()),
  }),
);
/** A null email clears it. */
export const UserUpdateBody = OptionalBody(
  Type.Object({ fullName: Type.Optional(Type.String()), email: Maybe(Type.String()) }),
);
export const PasswordBody = OptionalBody(Type.Object({ password: Type.Optional(Type.String()) }));
export const GroupBody = FieldsBody('name', 'type');
