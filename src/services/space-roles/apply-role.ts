import type { PermissionSubject, SpaceOperation } from '../../domain/permissions.ts';
import { roleOperations } from '../../domain/space-roles.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';

/**
 * Makes what the subject holds in the space exactly `operations`, among the permissions roles speak of
 * (an empty list: none of them). Space permissions stay the one thing the policy reads.
 */
export async function applyRolePermissions(
  repositories: MetadataRepositories,
  spaceId: number,
  subject: PermissionSubject,
  operations: readonly SpaceOperation[],
  nowMs: number,
): Promise<void> {
  const keep = new Set(operations);
  await repositories.permissions.revokeSpace(
    spaceId,
    subject,
    roleOperations.filter((operation) => !keep.has(operation)),
  );
  await repositories.permissions.grantSpace(spaceId, subject, operations, nowMs);
}
