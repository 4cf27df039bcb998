import { Type } from 'typebox';

/**
 * `POST /users-bulk`: `{"accountIds": […]}`. No body, or none of the field, is taken as an empty list,
 * which the use case refuses after it has checked the caller, as it did before the route had a schema.
 */
export const AccountIdsBody = Type.Union([
  Type.Object({ accountIds: Type.Optional(Type.Array(Type.String())) }),
  Type.Null(),
]);

/** `POST /user/access/check-access-by-email` and `…/invite-by-email`: `{"emails": […]}`, read as above. */
export const EmailsBody = Type.Union([
  Type.Object({ emails: Type.Optional(Type.Array(Type.String())) }),
  Type.Null(),
]);
