import { Type } from 'typebox';

/** `POST /admin-key`: `{"durationInMinutes": n}`, or no body at all for Cloud's default. */
export const AdminKeyBody = Type.Union([
  Type.Object({
    durationInMinutes: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description: 'minutes the key lasts: a whole number up to a day; absent, null or 0 for 10',
      }),
    ),
  }),
  Type.Null(),
]);
