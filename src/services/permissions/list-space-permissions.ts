import type { Space } from '../../domain/content.ts';
import type { SpaceOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type DescribedPermission, describeGrants, type SubjectRef } from './permission-subjects.ts';
import { requireSpaceAdmin } from './space-access.ts';

export interface SpacePermissionList {
  space: Space;
  permissions: DescribedPermission<SpaceOperation>[];
}

async function listOf(deps: ServiceDeps, space: Space, only?: SubjectRef): Promise<SpacePermissionList> {
  return {
    space,
    permissions: await describeGrants(deps, await deps.store.permissions.spacePermissions(space.id), only),
  };
}

/** Data Center `GET /space/{key}/permissions[/anonymous|/group/{name}|/user/{key}]`: for space administrators. */
export async function listSpacePermissions(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  only?: SubjectRef,
): Promise<SpacePermissionList> {
  const space = await requireSpaceAdmin(deps, principal, { key: spaceKey });
  return listOf(deps, space, only);
}

/** Cloud v2 `GET /spaces/{id}/permissions`. */
export async function listSpacePermissionsById(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
): Promise<SpacePermissionList> {
  const space = await requireSpaceAdmin(deps, principal, { id: spaceId });
  return listOf(deps, space);
}
