import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../../domain/errors.ts';
import { keysetSliceOf } from '../../../domain/paging.ts';
import { spacePermissionCatalogue } from '../../../domain/space-roles.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  assignRolesToCombinations,
  generatePermissionCombinations,
  getTransitionTask,
  listPermissionCombinations,
  removeCombinationAccess,
} from '../../../services/space-roles/permission-transition.ts';
import { listRoleAssignments, setRoleAssignments } from '../../../services/space-roles/role-assignments.ts';
import type { RolePrincipal } from '../../../services/space-roles/role-principals.ts';
import {
  createSpaceRole,
  deleteSpaceRole,
  getSpaceRole,
  getSpaceRoleMode,
  listSpaceRoles,
  updateSpaceRole,
} from '../../../services/space-roles/space-roles.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import {
  presentV2PermissionCombinations,
  presentV2RoleAssignment,
  presentV2RoleAssignments,
  presentV2SpaceRole,
  presentV2SpaceRoleSingle,
} from '../present/space-role.ts';
import {
  CombinationAccessRemovalsBody,
  CombinationRoleAssignmentsBody,
  PagingQuery,
  RoleAssignmentsBody,
  RoleQuery,
  SpaceRoleBody,
  TaskParams,
} from '../schemas/space-roles.ts';
import {
  combinationAccessRemovalsOf,
  combinationRoleAssignmentsOf,
  roleAssignmentEntriesOf,
  roleAssignmentsRefusal,
  rolePrincipalOf,
  spaceRoleInputOf,
  spaceRoleRefusal,
  transitionRefusal,
} from '../space-role-input.ts';

type RoleFilterQuery = Static<typeof RoleQuery>;

/** `principal-type` and `principal-id` filter together or not at all, as the spec says. */
function principalFilterOf(query: RoleFilterQuery): RolePrincipal | undefined {
  const type = oneOf(query['principal-type']);
  const id = oneOf(query['principal-id']);
  if (type === undefined && id === undefined) return undefined;
  if (type === undefined || id === undefined) {
    throw badRequest('principal-type and principal-id must be given together');
  }
  return rolePrincipalOf(type, id);
}

const pagingOf = (query: Static<typeof PagingQuery>) => ({
  after: decodeCursor(oneOf(query.cursor)),
  limit: limitOf(oneOf(query.limit)),
});

/** `BulkTransitionTaskResponse`: the task, already finished, and where to poll it. */
const taskAccepted = (request: FastifyRequest, taskId: string) => ({
  taskId,
  status: 'COMPLETED',
  statusUrl: `${request.surface.context}/api/v2/space-permissions/transition/tasks/${taskId}`,
});

/**
 * Cloud's role-based space access (services/space-roles): the space permissions a role may hold, the roles,
 * the site's role mode, and who holds which role in a space.
 */
export function v2SpaceRoleRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/space-permissions', { schema: { querystring: PagingQuery } }, async (request, reply) => {
      const { after, limit } = pagingOf(request.query);
      const positioned = spacePermissionCatalogue.map((permission, index) => ({
        permission,
        position: index + 1,
      }));
      const slice = keysetSliceOf(positioned, (item) => item.position, after, limit);
      return keysetPage(request, reply, slice, limit, (item) => item.permission);
    });

    app.get(
      '/space-permissions/transition/combinations',
      { schema: { querystring: PagingQuery } },
      async (request) => {
        const { after, limit } = pagingOf(request.query);
        const combinations = await listPermissionCombinations(deps, request.principal);
        const positioned = combinations.map((combination, index) => ({ combination, position: index + 1 }));
        const slice = keysetSliceOf(positioned, (item) => item.position, after, limit);
        const page = { ...slice, items: slice.items.map((item) => item.combination) };
        return presentV2PermissionCombinations(page, deps.clock.nowMs());
      },
    );

    app.post('/space-permissions/transition/combinations', async (request, reply) =>
      reply
        .code(202)
        .send(taskAccepted(request, await generatePermissionCombinations(deps, request.principal))),
    );

    app.post(
      '/space-permissions/transition/role-assignments',
      {
        schema: { body: CombinationRoleAssignmentsBody },
        schemaErrorFormatter: transitionRefusal,
      },
      async (request, reply) => {
        const assignments = combinationRoleAssignmentsOf(request.body);
        const taskId = await assignRolesToCombinations(deps, request.principal, assignments);
        return reply.code(202).send(taskAccepted(request, taskId));
      },
    );

    app.post(
      '/space-permissions/transition/access-removals',
      {
        schema: { body: CombinationAccessRemovalsBody },
        schemaErrorFormatter: transitionRefusal,
      },
      async (request, reply) => {
        const removals = combinationAccessRemovalsOf(request.body);
        const taskId = await removeCombinationAccess(deps, request.principal, removals);
        return reply.code(202).send(taskAccepted(request, taskId));
      },
    );

    app.get(
      '/space-permissions/transition/tasks/:taskId',
      { schema: { params: TaskParams } },
      async (request) => getTransitionTask(deps, request.principal, request.params.taskId),
    );

    app.get('/space-role-mode', async () => ({ mode: await getSpaceRoleMode(deps) }));

    app.get('/space-roles', { schema: { querystring: RoleQuery } }, async (request, reply) => {
      const { after, limit } = pagingOf(request.query);
      const spaceId = oneOf(request.query['space-id']);
      const roles = await listSpaceRoles(deps, request.principal, {
        spaceId: spaceId === undefined ? undefined : v2IdOf(spaceId, 'space-id'),
        roleType: oneOf(request.query['role-type']),
        principal: principalFilterOf(request.query),
      });
      const slice = keysetSliceOf(roles, (role) => role.position, after, limit);
      return keysetPage(request, reply, slice, limit, presentV2SpaceRole);
    });

    const roleBody = { body: SpaceRoleBody };
    app.post(
      '/space-roles',
      { schema: roleBody, schemaErrorFormatter: spaceRoleRefusal },
      async (request, reply) => {
        const role = await createSpaceRole(deps, request.principal, spaceRoleInputOf(request.body));
        return reply.code(201).send(presentV2SpaceRole(role));
      },
    );

    app.get('/space-roles/:id', { schema: { params: IdParams } }, async (request) =>
      presentV2SpaceRoleSingle(await getSpaceRole(deps, request.params.id), request.surface),
    );

    app.put(
      '/space-roles/:id',
      { schema: { ...roleBody, params: IdParams }, schemaErrorFormatter: spaceRoleRefusal },
      async (request, reply) => {
        const input = spaceRoleInputOf(request.body);
        const { role, taskId } = await updateSpaceRole(deps, request.principal, request.params.id, input);
        const { spacePermissions: _permissions, ...shown } = presentV2SpaceRole(role);
        return reply.code(202).send({ ...shown, taskId });
      },
    );

    app.delete('/space-roles/:id', { schema: { params: IdParams } }, async (request, reply) => {
      return reply.code(202).send(await deleteSpaceRole(deps, request.principal, request.params.id));
    });

    const assignments = { schema: { params: IdParams, querystring: RoleQuery } };
    app.get('/spaces/:id/role-assignments', assignments, async (request, reply) => {
      const { after, limit } = pagingOf(request.query);
      const assignments = await listRoleAssignments(deps, request.principal, v2IdOf(request.params.id), {
        roleId: oneOf(request.query['role-id']),
        roleType: oneOf(request.query['role-type']),
        principal: principalFilterOf(request.query),
      });
      const slice = keysetSliceOf(assignments, (assignment) => assignment.position, after, limit);
      return keysetPage(request, reply, slice, limit, presentV2RoleAssignment);
    });

    app.post(
      '/spaces/:id/role-assignments',
      {
        schema: { params: IdParams, body: RoleAssignmentsBody },
        schemaErrorFormatter: roleAssignmentsRefusal,
      },
      async (request) => {
        const entries = roleAssignmentEntriesOf(request.body);
        const assignments = await setRoleAssignments(
          deps,
          request.principal,
          v2IdOf(request.params.id),
          entries,
        );
        return presentV2RoleAssignments(assignments, request.surface);
      },
    );
  };
}
