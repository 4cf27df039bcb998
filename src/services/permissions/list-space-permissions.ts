import type { Space } from '../../domain/content.ts';
import type { SpaceOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  type DescribedSubject,
  describeSubjects,
  resolveSubject,
  type SubjectRef,
  subjectKey,
} from './permission-subjects.ts';
import {
  requireSpaceAdministrator,
  requireVisibleSpaceById,
  requireVisibleSpaceByKey,
} from './space-access.ts';

export interface DescribedPermission<Operation> {
  id: number;
  subject: DescribedSubject;
  operation: Operation;
}

export interface SpacePermissionList {
  space: Space;
  permissions: DescribedPermission<SpaceOperation>[];
}

async function listOf(deps: ServiceDeps, space: Space, only?: SubjectRef): Promise<SpacePermissionList> {
  const granted = await deps.store.permissions.spacePermissions(space.id);
  const wanted = only && subjectKey(await resolveSubject(deps, only));
  const kept =
    wanted === undefined ? granted : granted.filter((grant) => subjectKey(grant.subject) === wanted);
  const subjects = await describeSubjects(
    deps,
    kept.map((grant) => grant.subject),
  );
  const permissions = kept.flatMap((grant) => {
    const subject = subjects.get(subjectKey(grant.subject));
    return subject ? [{ id: grant.id, subject, operation: grant.operation }] : [];
  });
  return { space, permissions };
}

/** Data Center `GET /space/{key}/permissions[/anonymous|/group/{name}|/user/{key}]`: for space administrators. */
export async function listSpacePermissions(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  only?: SubjectRef,
): Promise<SpacePermissionList> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  await requireSpaceAdministrator(deps, principal, space);
  return listOf(deps, space, only);
}

/** Cloud v2 `GET /spaces/{id}/permissions`. */
export async function listSpacePermissionsById(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<SpacePermissionList> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  await requireSpaceAdministrator(deps, principal, space);
  return listOf(deps, space);
}
