import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changeMembership } from '../../../services/groups/change-membership.ts';
import { createGroup } from '../../../services/groups/create-group.ts';
import { deleteGroup } from '../../../services/groups/delete-group.ts';
import { findGroup } from '../../../services/groups/find-group.ts';
import { type GroupRelation, listGroupRelatives } from '../../../services/groups/list-group-relatives.ts';
import { listGroupMembers, listGroups } from '../../../services/groups/list-groups.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Group } from '../present/group.ts';
import { presentV1User } from '../present/user.ts';
import {
  GroupCreateBody,
  GroupIdParams,
  GroupIdQuery,
  GroupMemberBody,
  GroupMemberQuery,
  GroupNameParams,
  PagedQuery,
} from '../schemas/users.ts';

// Data Center: `GET /group` and `/group/{name}/member` default to 200 (spec), capped like DC's 1000.
const groupRules = { defaultLimit: 200, maxLimit: 1000 };
// Cloud's `membersByGroupId` refuses a limit above 200 rather than capping it (spec: 400).
const cloudMemberRules = { defaultLimit: 200, maxLimit: 200 };

function requiredQuery(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw badRequest(`${name} is required`, { field: name });
  return value.trim();
}

export function v1GroupRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/group', { schema: { querystring: PagedQuery } }, async (request) => {
      const window = windowOf(request.query, groupRules);
      const slice = await listGroups(deps, request.principal, window);
      return pageOf(request, slice, window, (group) => presentV1Group(group, request.surface));
    });

    // Cloud names groups by id on these paths; `by-id` is then not a group name (DC keeps the name).
    app.post('/group', { schema: { body: GroupCreateBody } }, async (request, reply) => {
      const group = await createGroup(deps, request.principal, request.body?.name);
      return reply.status(201).send(presentV1Group(group, request.surface));
    });

    app.get('/group/by-id', { schema: { querystring: GroupIdQuery } }, async (request) => {
      const ref = request.surface.cloud ? { id: requiredQuery(request.query.id, 'id') } : 'by-id';
      return presentV1Group(await findGroup(deps, request.principal, ref), request.surface);
    });

    app.delete('/group/by-id', { schema: { querystring: GroupIdQuery } }, async (request, reply) => {
      await deleteGroup(deps, request.principal, { id: requiredQuery(request.query.id, 'id') });
      return reply.status(204).send();
    });

    app.get(
      '/group/:groupId/membersByGroupId',
      { schema: { params: GroupIdParams, querystring: PagedQuery } },
      async (request) => {
        if (Number(request.query.limit) > cloudMemberRules.maxLimit) {
          throw badRequest(`limit may not be above ${cloudMemberRules.maxLimit}`, { field: 'limit' });
        }
        const window = windowOf(request.query, cloudMemberRules);
        const ref = { id: request.params.groupId };
        const slice = await listGroupMembers(deps, request.principal, ref, window);
        return pageOf(request, slice, window, (user) => presentV1User(user, request.surface));
      },
    );

    app.post(
      '/group/userByGroupId',
      { schema: { querystring: GroupMemberQuery, body: GroupMemberBody } },
      async (request, reply) => {
        const groupId = requiredQuery(request.query.groupId, 'groupId');
        const raw = request.body?.accountId;
        const accountId = requiredQuery(typeof raw === 'string' ? raw : undefined, 'accountId');
        await changeMembership(deps, request.principal, { accountId, groupId, member: true });
        return reply.status(201).send();
      },
    );

    app.delete(
      '/group/userByGroupId',
      { schema: { querystring: GroupMemberQuery } },
      async (request, reply) => {
        const groupId = requiredQuery(request.query.groupId, 'groupId');
        const accountId = requiredQuery(request.query.accountId, 'accountId');
        await changeMembership(deps, request.principal, { accountId, groupId, member: false });
        return reply.status(204).send();
      },
    );

    app.get('/group/:groupName', { schema: { params: GroupNameParams } }, async (request) =>
      presentV1Group(await findGroup(deps, request.principal, request.params.groupName), request.surface),
    );

    app.get(
      '/group/:groupName/member',
      { schema: { params: GroupNameParams, querystring: PagedQuery } },
      async (request) => {
        const window = windowOf(request.query, groupRules);
        const slice = await listGroupMembers(deps, request.principal, request.params.groupName, window);
        return pageOf(request, slice, window, (user) => presentV1User(user, request.surface));
      },
    );

    for (const [segment, relation] of [
      ['groupmember', 'children'],
      ['groupparent', 'parents'],
      ['groupancestor', 'ancestors'],
    ] as const satisfies readonly (readonly [string, GroupRelation])[]) {
      app.get(
        `/group/:groupName/${segment}`,
        { schema: { params: GroupNameParams, querystring: PagedQuery } },
        async (request) => {
          const window = windowOf(request.query, groupRules);
          const { groupName } = request.params;
          const slice = await listGroupRelatives(deps, request.principal, groupName, relation, window);
          return pageOf(request, slice, window, (group) => presentV1Group(group, request.surface));
        },
      );
    }
  };
}
