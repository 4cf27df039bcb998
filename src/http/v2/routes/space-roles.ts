import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { parseRolePrincipal, type RolePrincipal } from '../../../services/space-roles/role-principals.ts';
import {
  createSpaceRole,
  deleteSpaceRole,
  getSpaceRole,
  getSpaceRoleMode,
  listSpaceRoles,
  updateSpaceRole,
} from '../../../services/space-roles/space-roles.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import {
  presentV2PermissionCombinations,
  presentV2RoleAssignment,
  presentV2RoleAssignments,
  presentV2SpaceRole,
  presentV2SpaceRoleSingle,
} from '../present/space-role.ts';

type PagingQuery = { cursor?: string; limit?: string };
type RoleQuery = PagingQuery & {
  'space-id'?: string;
  'role-id'?: string;
  'role-type'?: string;
  'principal-id'?: string;
  'principal-type'?: string;
};
type IdParams = { Params: { id: string } };

/** `principal-type` and `principal-id` filter together or not at all, as the spec says. */
function principalFilterOf(query: RoleQuery): RolePrincipal | undefined {
  const type = query['principal-type'];
  const id = query['principal-id'];
  if (type === undefined && id === undefined) return undefined;
  if (type === undefined || id === undefined) {
    throw badRequest('principal-type and principal-id must be given together');
  }
  return parseRolePrincipal({ principalType: type, principalId: id });
}

const pagingOf = (request: FastifyRequest<{ Querystring: PagingQuery }>) => ({
  after: decodeCursor(request.query.cursor),
  limit: limitOf(request.query.limit),
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
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: PagingQuery }>('/space-permissions', async (request, reply) => {
      const { after, limit } = pagingOf(request);
      const positioned = spacePermissionCatalogue.map((permission, index) => ({
        permission,
        position: index + 1,
      }));
      const slice = keysetSliceOf(positioned, (item) => item.position, after, limit);
      return keysetPage(request, reply, slice, limit, (item) => item.permission);
    });

    app.get<{ Querystring: PagingQuery }>('/space-permissions/transition/combinations', async (request) => {
      const { after, limit } = pagingOf(request);
      const combinations = await listPermissionCombinations(deps, request.principal);
      const positioned = combinations.map((combination, index) => ({ combination, position: index + 1 }));
      const slice = keysetSliceOf(positioned, (item) => item.position, after, limit);
      const page = { ...slice, items: slice.items.map((item) => item.combination) };
      return presentV2PermissionCombinations(page, deps.clock.nowMs());
    });

    app.post('/space-permissions/transition/combinations', async (request, reply) =>
      reply
        .code(202)
        .send(taskAccepted(request, await generatePermissionCombinations(deps, request.principal))),
    );

    app.post('/space-permissions/transition/role-assignments', async (request, reply) =>
      reply
        .code(202)
        .send(taskAccepted(request, await assignRolesToCombinations(deps, request.principal, request.body))),
    );

    app.post('/space-permissions/transition/access-removals', async (request, reply) =>
      reply
        .code(202)
        .send(taskAccepted(request, await removeCombinationAccess(deps, request.principal, request.body))),
    );

    app.get<{ Params: { taskId: string } }>('/space-permissions/transition/tasks/:taskId', async (request) =>
      getTransitionTask(deps, request.principal, request.params.taskId),
    );

    app.get('/space-role-mode', async () => ({ mode: await getSpaceRoleMode(deps) }));

    app.get<{ Querystring: RoleQuery }>('/space-roles', async (request, reply) => {
      const { after, limit } = pagingOf(request);
      const spaceId = request.query['space-id'];
      const roles = await listSpaceRoles(deps, request.principal, {
        spaceId: spaceId === undefined ? undefined : v2IdOf(spaceId, 'space-id'),
        roleType: request.query['role-type'],
        principal: principalFilterOf(request.query),
      });
      const slice = keysetSliceOf(roles, (role) => role.position, after, limit);
      return keysetPage(request, reply, slice, limit, presentV2SpaceRole);
    });

    app.post('/space-roles', async (request, reply) => {
      const role = await createSpaceRole(deps, request.principal, request.body);
      return reply.code(201).send(presentV2SpaceRole(role));
    });

    app.get<IdParams>('/space-roles/:id', async (request) =>
      presentV2SpaceRoleSingle(await getSpaceRole(deps, request.params.id), request.surface),
    );

    app.put<IdParams>('/space-roles/:id', async (request, reply) => {
      const { role, taskId } = await updateSpaceRole(
        deps,
        request.principal,
        request.params.id,
        request.body,
      );
      const { spacePermissions: _permissions, ...shown } = presentV2SpaceRole(role);
      return reply.code(202).send({ ...shown, taskId });
    });

    app.delete<IdParams>('/space-roles/:id', async (request, reply) => {
      return reply.code(202).send(await deleteSpaceRole(deps, request.principal, request.params.id));
    });

    app.get<IdParams & { Querystring: RoleQuery }>('/spaces/:id/role-assignments', async (request, reply) => {
      const { after, limit } = pagingOf(request);
      const assignments = await listRoleAssignments(deps, request.principal, v2IdOf(request.params.id), {
        roleId: request.query['role-id'],
        roleType: request.query['role-type'],
        principal: principalFilterOf(request.query),
      });
      const slice = keysetSliceOf(assignments, (assignment) => assignment.position, after, limit);
      return keysetPage(request, reply, slice, limit, presentV2RoleAssignment);
    });

    app.post<IdParams>('/spaces/:id/role-assignments', async (request) => {
      const assignments = await setRoleAssignments(
        deps,
        request.principal,
        v2IdOf(request.params.id),
        request.body,
      );
      return presentV2RoleAssignments(assignments, request.surface);
    });
  };
}
