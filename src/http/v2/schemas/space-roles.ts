import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf } from './common.ts';

/** `GET /space-permissions` and `GET /space-permissions/transition/combinations`. */
export const PagingQuery = queryOf('cursor', 'limit');

/** `GET /space-roles` and `GET /spaces/{id}/role-assignments` (`space-id` on the first, `role-id` on the second). */
export const RoleQuery = queryOf(
  'space-id',
  'role-id',
  'role-type',
  'principal-id',
  'principal-type',
  'cursor',
  'limit',
);

/** `GET /space-permissions/transition/tasks/{taskId}`. */
export const TaskParams = Type.Object({ taskId: Type.String() });

/** `POST /space-roles` and `PUT /space-roles/{id}`. */
export const SpaceRoleBody = BodyOf({
  name: BodyField('the name, 1 to 255 characters'),
  description: BodyField('at most 1000 characters'),
  spacePermissions: BodyField('space permission ids, read/space among them'),
});

// Cloud refuses bodies over 5 MB with 413; this many entries is far below that and bounds one transaction.
export const maxRoleAssignmentEntries = 500;

/** `{principal, roleId?}`: an entry of `POST /spaces/{id}/role-assignments` and of a new space's roles. */
export const RoleAssignmentEntry = BodyOf({
  principal: BodyField('{ principalType: USER | GROUP | ACCESS_CLASS, principalId }'),
  roleId: BodyField('the role to give; absent or null takes the role away'),
});

/** `POST /spaces/{id}/role-assignments`. */
export const RoleAssignmentsBody = Type.Array(RoleAssignmentEntry, {
  minItems: 1,
  maxItems: maxRoleAssignmentEntries,
});

const SpaceSelectionField = BodyField(
  '{ spaceType: ALL | ALL_EXCEPT_PERSONAL | ALL_EXCEPT_SPECIFIC | PERSONAL | SPECIFIC, selectedSpaces?: [{ id }] }',
);

/** `POST /space-permissions/transition/role-assignments`. */
export const CombinationRoleAssignmentsBody = BodyOf({
  spaceSelection: SpaceSelectionField,
  assignments: BodyField(
    '[{ permissionCombinationId, principalTypeAssignments: [{ principalType, removeAccess, roleId? }] }]',
  ),
});

/** `POST /space-permissions/transition/access-removals`. */
export const CombinationAccessRemovalsBody = BodyOf({
  spaceSelection: SpaceSelectionField,
  permissionCombinationIds: BodyField('a non-empty array of combination ids'),
});
