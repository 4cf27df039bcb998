import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../../domain/errors.ts';
import { subjectKey } from '../../domain/permissions.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { SpaceRole, SpaceRoleInput, SpaceRoleMode } from '../../domain/space-roles.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleSpaceById } from '../permissions/space-access.ts';
import { applyRolePermissions } from './apply-role.ts';
import { type RolePrincipal, subjectOfPrincipal } from './role-principals.ts';
import { recordFinishedTask } from './role-tasks.ts';

/** Cloud answers 404, not 403, to a caller who may not manage roles (its spec lists no 403). */
function requireRoleManager(principal: Principal): void {
  if (!isAdministrator(principal)) throw notFound('You may not manage space roles');
}

export interface SpaceRoleFilter {
  spaceId?: number;
  roleType?: string;
  principal?: RolePrincipal;
}

/**
 * `GET /space-roles`: every role; with a principal, only the roles it holds (in the space named, or
 * anywhere). Naming a space needs permission to view it.
 */
export async function listSpaceRoles(
  deps: ServiceDeps,
  principal: Principal,
  filter: SpaceRoleFilter,
): Promise<SpaceRole[]> {
  if (filter.spaceId !== undefined) await requireVisibleSpaceById(deps, principal, filter.spaceId);
  let roles = await deps.store.spaceRoles.list();
  if (filter.roleType !== undefined) roles = roles.filter((role) => role.type === filter.roleType);
  if (filter.principal) {
    const holder = subjectKey(await subjectOfPrincipal(deps, filter.principal));
    const held = new Set(
      (await deps.store.spaceRoles.assignments({ spaceId: filter.spaceId }))
        .filter((assignment) => subjectKey(assignment.subject) === holder)
        .map((assignment) => assignment.role.id),
    );
    roles = roles.filter((role) => held.has(role.id));
  }
  return roles;
}

export async function getSpaceRole(deps: ServiceDeps, roleId: string): Promise<SpaceRole> {
  const role = await deps.store.spaceRoles.findById(roleId);
  if (!role) throw notFound(`No space role with id ${roleId}`, { roleId });
  return role;
}

async function requireUniqueName(deps: ServiceDeps, name: string, exceptRoleId?: string) {
  const same = await deps.store.spaceRoles.findByName(name);
  if (same && same.id !== exceptRoleId) throw badRequest(`A space role named ${name} exists already`);
}

export async function createSpaceRole(
  deps: ServiceDeps,
  principal: Principal,
  input: SpaceRoleInput,
): Promise<SpaceRole> {
  requireRoleManager(principal);
  await requireUniqueName(deps, input.name);
  return deps.store.transaction(async (repositories) => {
    const role = await repositories.spaceRoles.insert(randomUUID(), input);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space role created',
      objectType: 'Space role',
      objectId: role.id,
      objectName: role.name,
      details: { operations: role.operations },
    });
    return role;
  });
}

async function changeableRole(deps: ServiceDeps, principal: Principal, roleId: string): Promise<SpaceRole> {
  requireRoleManager(principal);
  const role = await getSpaceRole(deps, roleId);
  if (role.type === 'SYSTEM') throw badRequest(`The system role ${role.name} cannot be changed`);
  return role;
}

/**
 * `PUT /space-roles/{id}`: the role's new permissions are written for every principal it is assigned to,
 * in the same transaction; the task Cloud hands back for that work is finished when this answers.
 */
export async function updateSpaceRole(
  deps: ServiceDeps,
  principal: Principal,
  roleId: string,
  input: SpaceRoleInput,
) {
  const role = await changeableRole(deps, principal, roleId);
  await requireUniqueName(deps, input.name, roleId);
  return deps.store.transaction(async (repositories) => {
    await repositories.spaceRoles.update(roleId, input);
    const nowMs = deps.clock.nowMs();
    for (const assignment of await repositories.spaceRoles.assignments({ roleId })) {
      await applyRolePermissions(
        repositories,
        assignment.spaceId,
        assignment.subject,
        input.operations,
        nowMs,
      );
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space role changed',
      objectType: 'Space role',
      objectId: roleId,
      objectName: input.name,
      changes: [{ name: 'Permissions', before: role.operations, after: input.operations }],
    });
    const taskId = await recordFinishedTask(repositories, deps, principal, 'space-role-update');
    return { role: { ...role, ...input }, taskId };
  });
}

/** `DELETE /space-roles/{id}`: whoever held the role loses the permissions it gave. */
export async function deleteSpaceRole(deps: ServiceDeps, principal: Principal, roleId: string) {
  const role = await changeableRole(deps, principal, roleId);
  return deps.store.transaction(async (repositories) => {
    const nowMs = deps.clock.nowMs();
    for (const assignment of await repositories.spaceRoles.assignments({ roleId })) {
      await applyRolePermissions(repositories, assignment.spaceId, assignment.subject, [], nowMs);
    }
    await repositories.spaceRoles.remove(roleId);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Space role deleted',
      objectType: 'Space role',
      objectId: roleId,
      objectName: role.name,
    });
    return { taskId: await recordFinishedTask(repositories, deps, principal, 'space-role-delete') };
  });
}

/** Roles are in force everywhere once no principal holds space permissions granted one by one. */
export async function getSpaceRoleMode(deps: ServiceDeps): Promise<SpaceRoleMode> {
  return (await deps.store.spaceRoles.countUnassignedHolders()) > 0 ? 'ROLES_TRANSITION' : 'ROLES';
}
