import type { SpaceOperation } from '../../../domain/permissions.ts';
import { operationKeyOf } from '../../../domain/permissions.ts';
import type { DescribedPermission } from '../../../services/permissions/permission-subjects.ts';

// v2 names one operation differently and has no words for two of Data Center's.
const v2Keys: Partial<Record<string, string>> = { restrict: 'restrict_content' };
const notInV2: readonly SpaceOperation[] = ['space:delete_own', 'space:delete_mail'];

export function isV2SpacePermission(permission: DescribedPermission<SpaceOperation>): boolean {
  return !notInV2.includes(permission.operation);
}

/** `PermittedOperationsResponse` of a space: `{operation: 'create', targetType: 'page'}` and the like. */
export function presentV2SpaceOperations(operations: readonly SpaceOperation[]) {
  return {
    operations: operations
      .filter((operation) => !notInV2.includes(operation))
      .map((operation) => {
        const { targetType, operationKey } = operationKeyOf(operation);
        return { operation: v2Keys[operationKey] ?? operationKey, targetType };
      }),
  };
}

/** `SpacePermissionAssignment`; anonymous is the `anonymous` role, as v2 has no anonymous principal type. */
export function presentV2SpacePermission(permission: DescribedPermission<SpaceOperation>) {
  const { targetType, operationKey } = operationKeyOf(permission.operation);
  const { subject } = permission;
  const principal =
    subject.kind === 'anonymous'
      ? { type: 'role', id: 'anonymous' }
      : subject.kind === 'group'
        ? { type: 'group', id: String(subject.groupId) }
        : { type: 'user', id: subject.accountId };
  return {
    id: String(permission.id),
    principal,
    operation: { key: v2Keys[operationKey] ?? operationKey, targetType },
  };
}
