import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { Maybe } from '../../v1/schemas/common.ts';
import { BodyField } from './common.ts';

/**
 * `GET /spaces` (`getSpaces`). `labels`, `favorited-by` and `not-favorited-by` filter on what Tributary
 * does not keep, and are ignored.
 */
export const SpaceListQuery = queryOf(
  'ids',
  'keys',
  'type',
  'status',
  'labels',
  'favorited-by',
  'not-favorited-by',
  'sort',
  'description-format',
  'include-icon',
  'cursor',
  'limit',
);

/** `GET /data-policies/spaces`: the space list's filter and window (`type` and `status` read alike). */
export const DataPolicySpaceListQuery = queryOf('ids', 'keys', 'type', 'status', 'sort', 'cursor', 'limit');

/** `GET /spaces/{id}`; the `include-*` collections beside the icon are served by their own operations. */
export const SpaceQuery = queryOf(
  'description-format',
  'include-icon',
  'include-operations',
  'include-properties',
  'include-permissions',
  'include-role-assignments',
  'include-labels',
);

/** `GET /spaces/{id}/permissions`. */
export const SpacePermissionListQuery = queryOf('cursor', 'limit');

/** `POST /spaces` (`SpaceCreateRequest`). */
export const SpaceCreateBody = Type.Object({
  name: Maybe(Type.String({ description: 'the name; required' })),
  key: Maybe(Type.String({ description: 'the key; the alias when absent' })),
  alias: Maybe(Type.String({ description: 'the alias, used as the key when no key is given' })),
  description: Maybe(
    Type.Object({ value: Maybe(Type.String()), representation: Type.Optional(Type.String()) }),
  ),
  roleAssignments: BodyField('[{ principal: { principalType, principalId }, roleId }]'),
  createPrivateSpace: Maybe(Type.Boolean({ description: 'true or false' })),
  copySpaceAccessConfiguration: BodyField('not supported: refused when given'),
  templateKey: BodyField('not supported: refused when given'),
});
