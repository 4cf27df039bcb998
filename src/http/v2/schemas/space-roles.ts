import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';

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
