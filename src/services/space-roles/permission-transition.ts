import { createHash } from 'node:crypto';
import { notFound } from '../../domain/errors.ts';
import type { PermissionSubject, SpaceOperation } from '../../domain/permissions.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import { roleOperations, spacePermissionCatalogue, spacePermissionIdOf } from '../../domain/space-roles.ts';
import type { UnassignedGrant } from '../../ports/space-role-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { applyRolePermissions } from './apply-role.ts';
import { recordFinishedTask } from './role-tasks.ts';
import { getSpaceRole } from './space-roles.ts';

/**
 * Cloud's move from permissions granted one by one to roles (`/space-permissions/transition/…`): the
 * distinct sets of permissions principals hold without a role ("combinations"), and bulk changes that give
 * every holder of a combination a role, or take its access away, across a selection of spaces.
 * Combinations are read from the live grants each time, so "generating" them has nothing left to do.
 */

export type TransitionPrincipalType = 'USER' | 'GROUP' | 'ANONYMOUS';

export interface PermissionCombination {
  combinationId: string;
  operations: SpaceOperation[];
  spaceCount: number;
  principalCount: number;
  principalTypes: TransitionPrincipalType[];
}

const principalTypeOf = (subject: PermissionSubject): TransitionPrincipalType =>
  subject.kind === 'user' ? 'USER' : subject.kind === 'group' ? 'GROUP' : 'ANONYMOUS';

/** The role-relevant part of what a grant holds, in a fixed order. */
const combinationOf = (grant: UnassignedGrant) =>
  roleOperations.filter((op) => grant.operations.includes(op));

const combinationIdOf = (operations: readonly SpaceOperation[]) =>
  createHash('sha256').update(operations.map(spacePermissionIdOf).join(',')).digest('hex').slice(0, 24);

// Cloud answers 404 to callers who may not see the transition (its spec lists no 403).
function requireTransitionAdministrator(principal: Principal): void {
  if (!isAdministrator(principal))
    throw notFound('Only Confluence administrators may change space permissions in bulk');
}

/** Distinct unassigned combinations, most held first; those that equal a role's permissions are left out. */
export async function listPermissionCombinations(
  deps: ServiceDeps,
  principal: Principal,
): Promise<PermissionCombination[]> {
  requireTransitionAdministrator(principal);
  const roleSets = new Set(
    (await deps.store.spaceRoles.list()).map((role) => combinationIdOf(role.operations)),
  );
  const combinations = new Map<
    string,
    PermissionCombination & { spaces: Set<number>; holders: Set<string> }
  >();
  for (const grant of await deps.store.spaceRoles.unassignedGrants()) {
    const operations = combinationOf(grant);
    const combinationId = combinationIdOf(operations);
    if (operations.length === 0 || roleSets.has(combinationId)) continue;
    const entry = combinations.get(combinationId) ?? {
      combinationId,
      operations,
      spaceCount: 0,
      principalCount: 0,
      principalTypes: [],
      spaces: new Set<number>(),
      holders: new Set<string>(),
    };
    entry.spaces.add(grant.spaceId);
    entry.holders.add(JSON.stringify(grant.subject));
    const type = principalTypeOf(grant.subject);
    if (!entry.principalTypes.includes(type)) entry.principalTypes.push(type);
    combinations.set(combinationId, entry);
  }
  return [...combinations.values()]
    .map(({ spaces, holders, ...entry }) => ({
      ...entry,
      spaceCount: spaces.size,
      principalCount: holders.size,
    }))
    .sort((a, b) => b.principalCount - a.principalCount || a.combinationId.localeCompare(b.combinationId));
}

export const describedPermissionsOf = (operations: readonly SpaceOperation[]) =>
  operations.map((operation) => {
    const id = spacePermissionIdOf(operation);
    return { id, displayName: spacePermissionCatalogue.find((entry) => entry.id === id)?.displayName ?? id };
  });

/** `POST …/transition/combinations`: nothing to refresh; the finished task says when they were read. */
export async function generatePermissionCombinations(
  deps: ServiceDeps,
  principal: Principal,
): Promise<string> {
  requireTransitionAdministrator(principal);
  return deps.store.transaction((repositories) =>
    recordFinishedTask(repositories, deps, principal, 'space-permission-combinations'),
  );
}

export type SpaceType = 'ALL' | 'ALL_EXCEPT_PERSONAL' | 'ALL_EXCEPT_SPECIFIC' | 'PERSONAL' | 'SPECIFIC';
export const spaceTypes: readonly SpaceType[] = [
  'ALL',
  'ALL_EXCEPT_PERSONAL',
  'ALL_EXCEPT_SPECIFIC',
  'PERSONAL',
  'SPECIFIC',
];

/** Which spaces a bulk change reaches: the spaces named by id count for `SPECIFIC` and `ALL_EXCEPT_SPECIFIC`. */
export interface SpaceSelection {
  spaceType: SpaceType;
  selectedSpaceIds: readonly number[];
}

/** Personal spaces are those whose key starts with `~`. */
function inSelectionOf({ spaceType, selectedSpaceIds }: SpaceSelection): (grant: UnassignedGrant) => boolean {
  const selected = new Set(selectedSpaceIds);
  const personal = (grant: UnassignedGrant) => grant.spaceKey.startsWith('~');
  return {
    ALL: () => true,
    ALL_EXCEPT_PERSONAL: (grant: UnassignedGrant) => !personal(grant),
    PERSONAL: personal,
    SPECIFIC: (grant: UnassignedGrant) => selected.has(grant.spaceId),
    ALL_EXCEPT_SPECIFIC: (grant: UnassignedGrant) => !selected.has(grant.spaceId),
  }[spaceType];
}

export const transitionPrincipalTypes: readonly TransitionPrincipalType[] = ['USER', 'GROUP', 'ANONYMOUS'];

/** What holders of a combination with one principal type get: a role, or (no role) no access. */
export interface CombinationRoleAssignment {
  combinationId: string;
  principalType: TransitionPrincipalType;
  roleId: string | undefined;
}

/** `POST …/transition/role-assignments`. */
export interface CombinationRoleAssignments {
  spaceSelection: SpaceSelection;
  assignments: readonly CombinationRoleAssignment[];
}

/** `POST …/transition/access-removals`. */
export interface CombinationAccessRemovals {
  spaceSelection: SpaceSelection;
  permissionCombinationIds: readonly string[];
}

interface BulkChange {
  combinationId: string;
  principalType: TransitionPrincipalType | undefined;
  /** The role to give; undefined takes access away. */
  roleOperations: SpaceOperation[] | undefined;
  roleId: string | undefined;
}

async function resolveBulkChanges(
  deps: ServiceDeps,
  assignments: readonly CombinationRoleAssignment[],
): Promise<BulkChange[]> {
  const changes: BulkChange[] = [];
  for (const { combinationId, principalType, roleId } of assignments) {
    const role = roleId === undefined ? undefined : await getSpaceRole(deps, roleId);
    changes.push({ combinationId, principalType, roleOperations: role?.operations, roleId: role?.id });
  }
  return changes;
}

async function applyBulk(
  deps: ServiceDeps,
  principal: Principal,
  changes: readonly BulkChange[],
  inSelection: (grant: UnassignedGrant) => boolean,
  summary: string,
): Promise<string> {
  return deps.store.transaction(async (repositories) => {
    const nowMs = deps.clock.nowMs();
    let changed = 0;
    for (const grant of await repositories.spaceRoles.unassignedGrants()) {
      if (!inSelection(grant)) continue;
      const combinationId = combinationIdOf(combinationOf(grant));
      const change = changes.find(
        (candidate) =>
          candidate.combinationId === combinationId &&
          (candidate.principalType === undefined ||
            candidate.principalType === principalTypeOf(grant.subject)),
      );
      if (!change) continue;
      if (change.roleId)
        await repositories.spaceRoles.assign(grant.spaceId, grant.subject, change.roleId, nowMs);
      await applyRolePermissions(
        repositories,
        grant.spaceId,
        grant.subject,
        change.roleOperations ?? [],
        nowMs,
      );
      changed += 1;
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary,
      objectType: 'Site',
      objectId: 'site',
      objectName: 'Site',
      details: { changed, combinations: [...new Set(changes.map((change) => change.combinationId))] },
    });
    return recordFinishedTask(repositories, deps, principal, 'space-permission-transition');
  });
}

/** `POST …/transition/role-assignments`. */
export async function assignRolesToCombinations(
  deps: ServiceDeps,
  principal: Principal,
  request: CombinationRoleAssignments,
) {
  requireTransitionAdministrator(principal);
  const changes = await resolveBulkChanges(deps, request.assignments);
  const inSelection = inSelectionOf(request.spaceSelection);
  return applyBulk(deps, principal, changes, inSelection, 'Space roles assigned in bulk');
}

/** `POST …/transition/access-removals`: every holder of the combinations loses what they gave. */
export async function removeCombinationAccess(
  deps: ServiceDeps,
  principal: Principal,
  request: CombinationAccessRemovals,
) {
  requireTransitionAdministrator(principal);
  const changes = request.permissionCombinationIds.map((combinationId) => ({
    combinationId,
    principalType: undefined,
    roleOperations: undefined,
    roleId: undefined,
  }));
  return applyBulk(
    deps,
    principal,
    changes,
    inSelectionOf(request.spaceSelection),
    'Space access removed in bulk',
  );
}

/** `GET …/transition/tasks/{taskId}`. */
export async function getTransitionTask(deps: ServiceDeps, principal: Principal, taskId: string) {
  requireTransitionAdministrator(principal);
  const task = await deps.store.longTasks.findById(taskId);
  if (!task) throw notFound(`No task with id ${taskId}`);
  return {
    taskId: task.id,
    status: !task.finished ? 'IN_PROGRESS' : task.successful ? 'COMPLETED' : 'FAILED',
    ...(task.finished && !task.successful && { errorMessage: task.messages.at(-1)?.translation ?? 'Failed' }),
  };
}
