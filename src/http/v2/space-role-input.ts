import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { checkSpaceRoleInput, type SpaceRoleInput } from '../../domain/space-roles.ts';
import {
  type CombinationAccessRemovals,
  type CombinationRoleAssignment,
  type CombinationRoleAssignments,
  type SpaceSelection,
  spaceTypes,
  transitionPrincipalTypes,
} from '../../services/space-roles/permission-transition.ts';
import type { RoleAssignmentEntry } from '../../services/space-roles/role-assignments.ts';
import type { RolePrincipal } from '../../services/space-roles/role-principals.ts';
import { bodyRefusedAs } from '../common/body-refusal.ts';
import {
  type CombinationAccessRemovalsBody,
  type CombinationRoleAssignmentsBody,
  maxRoleAssignmentEntries,
  type SpaceRoleBody,
} from './schemas/space-roles.ts';

/**
 * The bodies of the space role routes (routes/space-roles.ts, and a new space's `roleAssignments`) read
 * into what the use cases take, refused with the messages Cloud clients have seen.
 */

type Fields = Readonly<Record<string, unknown>>;
const fieldsOf = (value: unknown): Fields =>
  typeof value === 'object' && value !== null ? (value as Fields) : {};

/** A body that is not the object (or array) the route takes, refused as its first missing field would be. */
const refusedAs = (message: string) => bodyRefusedAs(() => badRequest(message));

export const spaceRoleRefusal = refusedAs('A space role needs name, description and spacePermissions');

export const spaceRoleInputOf = (body: Static<typeof SpaceRoleBody>): SpaceRoleInput =>
  checkSpaceRoleInput(body);

/** v2's `Principal`: `{principalType, principalId}`. */
export function rolePrincipalOf(principalType: unknown, principalId: unknown): RolePrincipal {
  if (principalType !== 'USER' && principalType !== 'GROUP' && principalType !== 'ACCESS_CLASS') {
    throw badRequest("principalType must be 'USER', 'GROUP' or 'ACCESS_CLASS'", { field: 'principalType' });
  }
  if (typeof principalId !== 'string' || principalId === '') {
    throw badRequest('principalId must be a non-empty string', { field: 'principalId' });
  }
  return { principalType, principalId };
}

const entriesRefused = `The body must be an array of 1 to ${maxRoleAssignmentEntries} {principal, roleId} entries`;
export const roleAssignmentsRefusal = refusedAs(entriesRefused);

/** `[{principal, roleId?}]`: the body of `POST /spaces/{id}/role-assignments`, or a new space's roles. */
export function roleAssignmentEntriesOf(entries: unknown): RoleAssignmentEntry[] {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > maxRoleAssignmentEntries) {
    throw badRequest(entriesRefused);
  }
  return entries.map((entry): RoleAssignmentEntry => {
    const { principal, roleId } = fieldsOf(entry);
    const { principalType, principalId } = fieldsOf(principal);
    const rolePrincipal = rolePrincipalOf(principalType, principalId);
    if (roleId !== undefined && roleId !== null && typeof roleId !== 'string') {
      throw badRequest('roleId must be a string', { field: 'roleId' });
    }
    return { principal: rolePrincipal, roleId: roleId ?? undefined };
  });
}

const selectionRefused = `spaceSelection.spaceType must be one of ${spaceTypes.join(', ')}`;
export const transitionRefusal = refusedAs(selectionRefused);

/** `{spaceType, selectedSpaces?: [{id}]}`: which spaces a bulk change reaches. */
function spaceSelectionOf(raw: unknown): SpaceSelection {
  const { spaceType, selectedSpaces } = fieldsOf(raw);
  const type = spaceTypes.find((candidate) => candidate === spaceType);
  if (!type) throw badRequest(selectionRefused);
  if (type !== 'SPECIFIC' && type !== 'ALL_EXCEPT_SPECIFIC') return { spaceType: type, selectedSpaceIds: [] };
  if (!Array.isArray(selectedSpaces) || selectedSpaces.length === 0) {
    throw badRequest(`spaceSelection.selectedSpaces is required with ${type}`);
  }
  const selectedSpaceIds = selectedSpaces.map((space) => {
    const id = Number(fieldsOf(space).id);
    if (!Number.isSafeInteger(id)) throw badRequest('Each selected space needs its id');
    return id;
  });
  return { spaceType: type, selectedSpaceIds };
}

function assignmentsOf(raw: unknown): CombinationRoleAssignment[] {
  if (!Array.isArray(raw) || raw.length === 0) throw badRequest('assignments must be a non-empty array');
  return raw.flatMap((assignment) => {
    const { permissionCombinationId, principalTypeAssignments } = fieldsOf(assignment);
    if (typeof permissionCombinationId !== 'string' || !Array.isArray(principalTypeAssignments)) {
      throw badRequest('Each assignment needs permissionCombinationId and principalTypeAssignments');
    }
    return principalTypeAssignments.map((entry): CombinationRoleAssignment => {
      const { principalType, removeAccess, roleId } = fieldsOf(entry);
      const type = transitionPrincipalTypes.find((candidate) => candidate === principalType);
      if (!type) throw badRequest(`principalType must be one of ${transitionPrincipalTypes.join(', ')}`);
      if (typeof removeAccess !== 'boolean') throw badRequest('removeAccess must be true or false');
      if (!removeAccess && typeof roleId !== 'string')
        throw badRequest('roleId is required unless removeAccess');
      return {
        combinationId: permissionCombinationId,
        principalType: type,
        roleId: removeAccess ? undefined : String(roleId),
      };
    });
  });
}

export const combinationRoleAssignmentsOf = (
  body: Static<typeof CombinationRoleAssignmentsBody>,
): CombinationRoleAssignments => ({
  spaceSelection: spaceSelectionOf(body.spaceSelection),
  assignments: assignmentsOf(body.assignments),
});

export function combinationAccessRemovalsOf(
  body: Static<typeof CombinationAccessRemovalsBody>,
): CombinationAccessRemovals {
  const spaceSelection = spaceSelectionOf(body.spaceSelection);
  const ids = body.permissionCombinationIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) {
    throw badRequest('permissionCombinationIds must be a non-empty array of ids');
  }
  return { spaceSelection, permissionCombinationIds: ids };
}
