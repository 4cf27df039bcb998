import type { Space } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import { type PermissionSubject, subjectKey } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { SpaceRole } from '../../domain/space-roles.ts';
import type { SpaceRoleAssignment } from '../../ports/space-role-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAdministerSpace } from '../permissions/policy.ts';
import { requireVisibleSpaceById, requireWriter } from '../permissions/space-access.ts';
import { applyRolePermissions } from './apply-role.ts';
import { principalOfSubject, type RolePrincipal, subjectOfPrincipal } from './role-principals.ts';
import { getSpaceRole } from './space-roles.ts';

/** An assignment as v2 shows it; one whose user or group is gone is left out. */
export interface DescribedRoleAssignment {
  position: number;
  principal: RolePrincipal;
  roleId: string;
}

async function described(
  deps: ServiceDeps,
  assignments: readonly SpaceRoleAssignment[],
): Promise<DescribedRoleAssignment[]> {
  const shown: DescribedRoleAssignment[] = [];
  for (const assignment of assignments) {
    const principal = await principalOfSubject(deps, assignment.subject);
    if (principal) shown.push({ position: assignment.position, principal, roleId: assignment.role.id });
  }
  return shown;
}

export interface RoleAssignmentFilter {
  roleId?: string;
  roleType?: string;
  principal?: RolePrincipal;
}

/** `GET /spaces/{id}/role-assignments`: who holds which role in a space the caller may see. */
export async function listRoleAssignments(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  filter: RoleAssignmentFilter,
): Promise<DescribedRoleAssignment[]> {
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  let assignments = await deps.store.spaceRoles.assignments({ spaceId: space.id, roleId: filter.roleId });
  if (filter.roleType !== undefined) {
    assignments = assignments.filter((assignment) => assignment.role.type === filter.roleType);
  }
  if (filter.principal) {
    const holder = subjectKey(await subjectOfPrincipal(deps, filter.principal));
    assignments = assignments.filter((assignment) => subjectKey(assignment.subject) === holder);
  }
  return described(deps, assignments);
}

/** An entry of a role assignment request, resolved: the subject, and the role (none: take it away). */
export interface RoleChange {
  subject: PermissionSubject;
  role: SpaceRole | undefined;
}

/** An entry of a role assignment request: who, and the role to give (none: take theirs away). */
export interface RoleAssignmentEntry {
  principal: RolePrincipal;
  roleId: string | undefined;
}

/** Every principal and role of the entries looked up; anything wrong refuses the lot. */
export async function resolveRoleChanges(
  deps: ServiceDeps,
  entries: readonly RoleAssignmentEntry[],
): Promise<RoleChange[]> {
  const changes: RoleChange[] = [];
  for (const { principal, roleId } of entries) {
    changes.push({
      subject: await subjectOfPrincipal(deps, principal),
      role: roleId === undefined ? undefined : await getSpaceRole(deps, roleId),
    });
  }
  return changes;
}

/** Writes resolved changes in one transaction with their audit record; used by space creation too. */
export async function applyRoleChanges(
  deps: ServiceDeps,
  principal: Principal,
  space: Space,
  changes: readonly RoleChange[],
): Promise<void> {
  await deps.store.transaction(async (repositories) => {
    const nowMs = deps.clock.nowMs();
    for (const { subject, role } of changes) {
      if (role) await repositories.spaceRoles.assign(space.id, subject, role.id, nowMs);
      else await repositories.spaceRoles.unassign(space.id, subject);
      await applyRolePermissions(repositories, space.id, subject, role?.operations ?? [], nowMs);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space roles assigned',
      space,
      objectType: 'space',
      objectId: space.key,
      details: {
        assignments: changes.map(({ subject, role }) => ({
          subject: subjectKey(subject),
          roleId: role?.id ?? null,
        })),
      },
    });
  });
}

/**
 * `POST /spaces/{id}/role-assignments`: each principal named gets the role given (its permissions in the
 * space become exactly the role's), or, with no role, loses its role and those permissions. All or nothing.
 */
export async function setRoleAssignments(
  deps: ServiceDeps,
  principal: Principal,
  spaceId: number,
  entries: readonly RoleAssignmentEntry[],
): Promise<DescribedRoleAssignment[]> {
  requireWriter(principal);
  const space = await requireVisibleSpaceById(deps, principal, spaceId);
  // The spec lists 404, not 403, for a caller who may not set roles here.
  if (!(await canAdministerSpace(deps, principal, space))) {
    throw notFound(`You may not set roles in space ${space.key}`);
  }
  await applyRoleChanges(deps, principal, space, await resolveRoleChanges(deps, entries));
  return described(deps, await deps.store.spaceRoles.assignments({ spaceId: space.id }));
}
