import type { KeysetSlice } from '../../../domain/paging.ts';
import type { SpaceRole } from '../../../domain/space-roles.ts';
import { spacePermissionIdOf } from '../../../domain/space-roles.ts';
import {
  describedPermissionsOf,
  type PermissionCombination,
} from '../../../services/space-roles/permission-transition.ts';
import type { RolePrincipal } from '../../../services/space-roles/role-principals.ts';
import type { Surface } from '../../common/surface.ts';
import { encodeCursor } from '../paging.ts';

/** `SpaceRole`: its permissions by their v2 ids ("read/space"). */
export function presentV2SpaceRole(role: SpaceRole) {
  return {
    id: role.id,
    type: role.type,
    name: role.name,
    description: role.description,
    spacePermissions: role.operations.map(spacePermissionIdOf),
  };
}

/** One role as a whole response (`GET /space-roles/{id}`): with `_links.base`, as v2 singles carry it. */
export function presentV2SpaceRoleSingle(role: SpaceRole, surface: Surface) {
  return { ...presentV2SpaceRole(role), _links: { base: surface.base } };
}

/** `SpaceRoleAssignment`. */
export function presentV2RoleAssignment(assignment: { principal: RolePrincipal; roleId: string }) {
  return { principal: assignment.principal, roleId: assignment.roleId };
}

/** The assignments a `POST /spaces/{id}/role-assignments` leaves, answered whole. */
export function presentV2RoleAssignments(
  assignments: readonly { principal: RolePrincipal; roleId: string }[],
  surface: Surface,
) {
  return { results: assignments.map(presentV2RoleAssignment), _links: { base: surface.base } };
}

/**
 * A page of the transition's permission combinations: read from the live grants, so `generatedAt` is the
 * time of this answer; the next page is named by `cursor`, not `_links`.
 */
export function presentV2PermissionCombinations(
  slice: KeysetSlice<PermissionCombination>,
  generatedAtMs: number,
) {
  return {
    results: slice.items.map((combination) => ({
      combinationId: combination.combinationId,
      spaceCount: combination.spaceCount,
      principalCount: combination.principalCount,
      permissions: describedPermissionsOf(combination.operations),
      principalTypes: combination.principalTypes,
    })),
    generatedAt: new Date(generatedAtMs).toISOString(),
    ...(slice.next && { cursor: encodeCursor(slice.next) }),
  };
}
