import { Type } from 'typebox';

/** DC's `OperationDescription`: `{"targetType": "space", "operationKey": "administer"}`. */
const Operation = Type.Object({ targetType: Type.String(), operationKey: Type.String() });

/** The body of a grant or revoke: the operations to add or take away. */
export const OperationsBody = Type.Array(Operation);

/**
 * One entry of a whole set (`POST /space/{key}/permissions`, `PUT /permissions`): a `userKey` or a
 * `groupName`, neither for anonymous, and exactly the operations it is to hold.
 */
export const SubjectOperationsBody = Type.Array(
  Type.Object({
    userKey: Type.Optional(Type.String()),
    groupName: Type.Optional(Type.String()),
    operations: Type.Optional(Type.Array(Operation)),
  }),
);

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });

/** The subject forms of the paths: `group/{groupName}`, `user/{userKey}`, or neither for `anonymous`. */
export const SubjectParams = Type.Object({
  spaceKey: Type.Optional(Type.String()),
  groupName: Type.Optional(Type.String()),
  userKey: Type.Optional(Type.String()),
});

/** Cloud v1's `SpacePermissionCreate`: `{subject: {type, identifier}, operation: {key, target}}`. */
export const SpacePermissionBody = Type.Object({
  subject: Type.Optional(
    Type.Object({ type: Type.Optional(Type.String()), identifier: Type.Optional(Type.String()) }),
  ),
  operation: Type.Optional(
    Type.Object({ key: Type.Optional(Type.String()), target: Type.Optional(Type.String()) }),
  ),
});

export const SpacePermissionParams = Type.Object({ spaceKey: Type.String(), id: Type.String() });
