import { badRequest } from './errors.ts';
import { type SpaceOperation, spaceOperations } from './permissions.ts';

/**
 * Cloud's role-based space access: a space role is a named set of space permissions; assigning a role to a
 * user, a group or anonymous visitors in a space gives them exactly that set there. Tributary keeps the
 * space permissions themselves as the one source the policy reads, so an assignment writes its role's
 * permissions for that principal and a change of the role rewrites them everywhere it is assigned.
 */

/** v2 names a space permission `{operation}/{target}` ("read/space"); `restrict` is `restrict_content`. */
export const spacePermissionIdOf = (operation: SpaceOperation): string => {
  const [targetType = '', operationKey = ''] = operation.split(':');
  return `${operationKey === 'restrict' ? 'restrict_content' : operationKey}/${targetType}`;
};

// Data Center's two mail and own-content deletions have no v2 name; roles leave them as they are.
export const roleOperations: readonly SpaceOperation[] = spaceOperations.filter(
  (operation) => operation !== 'space:delete_own' && operation !== 'space:delete_mail',
);

export interface SpacePermissionDescription {
  id: string;
  displayName: string;
  description: string;
  requiredPermissionIds: string[];
}

const wording: Record<string, [string, string]> = {
  'space:read': ['View space', 'See the space and its content.'],
  'space:administer': ['Administer space', 'Change the space, its permissions and its settings.'],
  'space:export': ['Export space', 'Export the space and its content.'],
  'space:restrict': ['Restrict content', 'Add and remove restrictions on content.'],
  'page:create': ['Create pages', 'Create and edit pages.'],
  'page:delete': ['Delete pages', 'Move pages to the trash.'],
  'blogpost:create': ['Create blogs', 'Create and edit blog posts.'],
  'blogpost:delete': ['Delete blogs', 'Move blog posts to the trash.'],
  'comment:create': ['Add comments', 'Comment on pages and blog posts.'],
  'comment:delete': ['Delete comments', 'Delete anyone’s comments.'],
  'attachment:create': ['Add attachments', 'Upload files and new versions of them.'],
  'attachment:delete': ['Delete attachments', 'Move attachments to the trash.'],
};

const viewSpace = spacePermissionIdOf('space:read');

/** `GET /space-permissions`: every permission a role may hold; each but viewing needs viewing. */
export const spacePermissionCatalogue: readonly SpacePermissionDescription[] = roleOperations.map(
  (operation) => {
    const [displayName = operation, description = ''] = wording[operation] ?? [];
    const id = spacePermissionIdOf(operation);
    return { id, displayName, description, requiredPermissionIds: id === viewSpace ? [] : [viewSpace] };
  },
);

export type SpaceRoleType = 'SYSTEM' | 'CUSTOM';

export interface SpaceRole {
  /** A UUID, as Cloud's role ids are. */
  id: string;
  /** The row's number, for keyset paging. */
  position: number;
  type: SpaceRoleType;
  name: string;
  description: string;
  operations: SpaceOperation[];
}

export interface SpaceRoleInput {
  name: string;
  description: string;
  operations: SpaceOperation[];
}

/** The fields of `POST /space-roles` and `PUT /space-roles/{id}`, as sent. */
export interface SpaceRoleFields {
  name?: unknown;
  description?: unknown;
  spacePermissions?: unknown;
}

export function checkSpaceRoleInput({
  name,
  description,
  spacePermissions,
}: SpaceRoleFields): SpaceRoleInput {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
    throw badRequest('name must be a non-empty string of at most 255 characters');
  }
  if (typeof description !== 'string' || description.length > 1000) {
    throw badRequest('description must be a string of at most 1000 characters');
  }
  if (!Array.isArray(spacePermissions) || spacePermissions.length === 0) {
    throw badRequest('spacePermissions must be a non-empty array of space permission ids');
  }
  const operations = spacePermissions.map((id) => {
    const operation = roleOperations.find((candidate) => spacePermissionIdOf(candidate) === id);
    if (!operation)
      throw badRequest(`Unknown space permission: ${String(id)}`, { field: 'spacePermissions' });
    return operation;
  });
  const held = new Set(operations);
  if (!held.has('space:read')) throw badRequest(`Every space permission requires ${viewSpace}`);
  return {
    name: name.trim(),
    description,
    operations: roleOperations.filter((operation) => held.has(operation)),
  };
}

/** How far a site has moved from per-permission grants to roles. */
export type SpaceRoleMode = 'PRE_ROLES' | 'ROLES_TRANSITION' | 'ROLES';
