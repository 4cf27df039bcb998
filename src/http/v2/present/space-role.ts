import type { SpaceRole } from '../../../domain/space-roles.ts';
import { spacePermissionIdOf } from '../../../domain/space-roles.ts';
import type { RolePrincipal } from '../../../services/space-roles/role-principals.ts';

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

/** `SpaceRoleAssignment`. */
export function presentV2RoleAssignment(assignment: { principal: RolePrincipal; roleId: string }) {
  return { principal: assignment.principal, roleId: assignment.roleId };
}
