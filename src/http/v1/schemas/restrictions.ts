import { Type } from 'typebox';
import { QueryValue } from '../../common/schemas.ts';
import { Maybe, QueryString } from './common.ts';

export { PagedQuery } from './common.ts';

/** A user as a restriction names it: Data Center by `userKey` or `username`, Cloud by `accountId`. */
const User = Type.Object({
  accountId: Maybe(Type.String()),
  userKey: Maybe(Type.String()),
  username: Maybe(Type.String()),
});

/** A group: by `name`, or on Cloud by `id`. */
const Group = Type.Object({ id: Maybe(Type.String()), name: Maybe(Type.String()) });

/** `[…]`, or the `{results:[…]}` that GET answers with (both specs let a client send that back). */
const listOf = <Item extends typeof User | typeof Group>(item: Item) =>
  Type.Union([Type.Array(item), Type.Object({ results: Type.Array(item) })]);

/** One restriction: `{"operation": "read", "restrictions": {"user": […], "group": […]}}`. */
export const Restriction = Type.Object({
  operation: Maybe(Type.String()),
  restrictions: Type.Optional(
    Type.Object({ user: Type.Optional(listOf(User)), group: Type.Optional(listOf(Group)) }),
  ),
});

/** A list of restrictions, Cloud's `{results: […]}`, or (leniently) one restriction on its own. */
export const RestrictionsBody = Type.Union([
  Type.Array(Restriction),
  Type.Object({ results: Type.Array(Restriction) }),
  Restriction,
]);

export const RestrictionParams = Type.Object({ id: Type.String() });
export const OperationParams = Type.Object({ id: Type.String(), operationKey: Type.String() });
export const SubjectParams = Type.Object({
  id: Type.String(),
  operationKey: Type.String(),
  groupName: Type.Optional(Type.String()),
  groupId: Type.Optional(Type.String()),
});

/** The user of the per-user sub-resource: `accountId` on Cloud; `key` (which may repeat) or `username` on DC. */
export const SubjectQuery = Type.Object({ accountId: QueryString, key: QueryValue, username: QueryString });
