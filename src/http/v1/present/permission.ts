import { cloudOperationOf } from '../../../domain/cloud-space-operations.ts';
import type { Space } from '../../../domain/content.ts';
import {
  type GlobalOperation,
  operationKeyOf,
  type SpaceOperation,
  type UnlicensedOperation,
} from '../../../domain/permissions.ts';
import type {
  DescribedPermission,
  DescribedSubject,
} from '../../../services/permissions/permission-subjects.ts';
import type { Surface } from '../../common/surface.ts';

/** Data Center's `Subject`: `type` and `displayName`, plus the key a client needs to act on it. */
function presentSubject(subject: DescribedSubject) {
  if (subject.kind === 'anonymous') return { type: 'anonymous', displayName: 'Anonymous' };
  if (subject.kind === 'group') return { type: 'group', displayName: subject.name, name: subject.name };
  return {
    type: 'user',
    displayName: subject.displayName,
    userKey: subject.userKey,
    username: subject.username,
  };
}

/** `SpacePermission`. */
export function presentV1SpacePermission(permission: DescribedPermission<SpaceOperation>, space: Space) {
  return {
    operation: operationKeyOf(permission.operation),
    subject: presentSubject(permission.subject),
    spaceKey: space.key,
    spaceId: space.id,
  };
}

/** `GlobalPermission`. */
export function presentV1GlobalPermission(permission: DescribedPermission<GlobalOperation>) {
  return { operation: operationKeyOf(permission.operation), subject: presentSubject(permission.subject) };
}

/** A `GlobalPermission` held by users without a licence (`/permissions/unlicensed`). */
export function presentV1UnlicensedPermission(operation: UnlicensedOperation) {
  return {
    operation: operationKeyOf(operation),
    subject: { type: 'unlicensed', displayName: 'Unlicensed users' },
  };
}

/** Cloud v1 `SpacePermissionV2`: the grant's id, its subject by account or group id, and the operation. */
export function presentCloudSpacePermission(permission: DescribedPermission<SpaceOperation>) {
  const { subject } = permission;
  return {
    id: permission.id,
    subject:
      subject.kind === 'group'
        ? { type: 'group', identifier: String(subject.groupId) }
        : { type: 'user', identifier: subject.kind === 'user' ? subject.accountId : 'anonymous' },
    operation: cloudOperationOf(permission.operation) ?? operationKeyOf(permission.operation),
    _links: {},
  };
}

/** `PermissionCheckResponse`: the answer, and why not as untranslated messages (Cloud v1 spec). */
export function presentV1PermissionCheck(
  check: { hasPermission: boolean; errors: string[] },
  surface: Surface,
) {
  return {
    hasPermission: check.hasPermission,
    errors: check.errors.map((translation) => ({ translation, args: [] })),
    _links: { base: surface.base, context: surface.context },
  };
}
