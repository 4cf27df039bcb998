import { badRequest, notFound } from '../../domain/errors.ts';
import { subjectKey } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdmin, requireWriter } from './space-access.ts';

/**
 * Cloud v1 `DELETE /space/{key}/permission/{id}`: removes one grant of the space, for its administrators.
 * As Cloud documents, removing a subject's read permission removes all of that subject's permissions,
 * since none of them means anything without it. An id that is not a grant of this space is a 404.
 */
export async function removeSpacePermission(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  rawId: string,
): Promise<void> {
  requireWriter(principal);
  if (!/^\d{1,15}$/.test(rawId))
    throw badRequest(`id must be a permission id, not '${rawId}'`, { field: 'id' });
  const id = Number(rawId);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  await deps.store.transaction(async (repositories) => {
    const granted = await repositories.permissions.spacePermissions(space.id);
    const grant = granted.find((candidate) => candidate.id === id);
    if (!grant)
      throw notFound(`No permission with id ${id} in space ${space.key}`, { id, spaceKey: space.key });
    const key = subjectKey(grant.subject);
    const operations =
      grant.operation === 'space:read'
        ? granted
            .filter((candidate) => subjectKey(candidate.subject) === key)
            .map((candidate) => candidate.operation)
        : [grant.operation];
    await repositories.permissions.revokeSpace(space.id, grant.subject, operations);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space permission removed',
      objectType: 'space',
      objectId: space.key,
      space,
      details: { spaceId: space.id, permissionId: id, subject: key, operations },
    });
  });
}
