import { type CloudOperation, spaceOperationOfCloud } from '../../domain/cloud-space-operations.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import {
  type PermissionSubject,
  type SpaceOperation,
  spaceOperations,
  subjectKey,
} from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { type DescribedPermission, describeGrants } from './permission-subjects.ts';
import { requireSpaceAdmin, requireWriter } from './space-access.ts';

/** Cloud v1's `SpacePermissionCreate`: whom, and which one operation (`{key, target}`). */
export interface SpacePermissionRequest {
  subject?: { type?: string; identifier?: string };
  operation?: Partial<CloudOperation>;
}

/** `PermissionSubject` of Cloud: a user by account id (or `anonymous`), a group by id or by name. */
async function subjectOf(
  deps: ServiceDeps,
  given: SpacePermissionRequest['subject'] = {},
): Promise<PermissionSubject> {
  const identifier = given.identifier;
  if (identifier === undefined || identifier === '') {
    throw badRequest('subject.identifier must name a user or a group', { field: 'subject' });
  }
  if (given.type === 'user') {
    if (identifier === 'anonymous') return { kind: 'anonymous' };
    const user = await deps.store.users.findByAccountId(identifier);
    if (!user) throw notFound(`No user with accountId ${identifier}`, { accountId: identifier });
    return { kind: 'user', userId: user.id };
  }
  if (given.type === 'group') {
    const byId = /^\d{1,15}$/.test(identifier)
      ? await deps.store.groups.findById(Number(identifier))
      : undefined;
    const group = byId ?? (await deps.store.groups.findByName(identifier));
    if (!group) throw notFound(`No group with id or name ${identifier}`, { group: identifier });
    return { kind: 'group', groupId: group.id };
  }
  throw badRequest("subject.type must be 'user' or 'group'", { field: 'subject' });
}

/**
 * Cloud v1 `POST /space/{key}/permission`: grants one operation to one subject, for the space's
 * administrators. As in Cloud, a subject must be able to view the space before it is given anything
 * else, and a permission it holds already is refused. The answer carries the grant's id, which stays the
 * grant's for as long as it exists (`DELETE /space/{key}/permission/{id}`).
 */
export async function addSpacePermission(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  body: SpacePermissionRequest,
): Promise<DescribedPermission<SpaceOperation>> {
  requireWriter(principal);
  const operation = spaceOperationOfCloud(body.operation, spaceOperations);
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  const subject = await subjectOf(deps, body.subject);
  const key = subjectKey(subject);
  const granted = await deps.store.transaction(async (repositories) => {
    const held = (await repositories.permissions.spacePermissions(space.id)).filter(
      (grant) => subjectKey(grant.subject) === key,
    );
    if (held.some((grant) => grant.operation === operation)) {
      throw badRequest(`That permission already exists in space ${space.key}`, { spaceKey: space.key });
    }
    if (operation !== 'space:read' && !held.some((grant) => grant.operation === 'space:read')) {
      throw badRequest('A user or group must be given the read permission of the space before any other', {
        spaceKey: space.key,
      });
    }
    await repositories.permissions.grantSpace(space.id, subject, [operation], deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space permission added',
      objectType: 'space',
      objectId: space.key,
      space,
      details: { spaceId: space.id, subject: key, operations: [operation] },
    });
    return (await repositories.permissions.spacePermissions(space.id)).filter(
      (grant) => subjectKey(grant.subject) === key && grant.operation === operation,
    );
  });
  const [described] = await describeGrants(deps, granted);
  if (!described) throw notFound('The permission vanished as it was added', { spaceKey: space.key });
  return described;
}
