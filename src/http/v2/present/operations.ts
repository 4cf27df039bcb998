import type { ContentOperation } from '../../../services/permissions/content-operations.ts';

/** One `Operation` of v2's `PermittedOperationsResponse`. */
export const presentV2Operation = (targetType: string) => (operation: ContentOperation) => ({
  operation,
  targetType,
});

/** `PermittedOperationsResponse`. */
export function presentV2Operations(operations: readonly ContentOperation[], targetType: string) {
  return { operations: operations.map(presentV2Operation(targetType)) };
}
