import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { findGroup } from '../../../services/groups/find-group.ts';
import { type GroupRelation, listGroupRelatives } from '../../../services/groups/list-group-relatives.ts';
import { listGroupMembers, listGroups } from '../../../services/groups/list-groups.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { presentV1Group } from '../present/group.ts';
import { presentV1User } from '../present/user.ts';

// Data Center: `GET /group` and `/group/{name}/member` default to 200 (spec), capped like DC's 1000.
const groupRules = { defaultLimit: 200, maxLimit: 1000 };

export function v1GroupRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: WindowQuery }>('/group', async (request) => {
      const window = windowOf(request.query, groupRules);
      const slice = await listGroups(deps, request.principal, window);
      return pageOf(request, slice, window, (group) => presentV1Group(group, request.surface));
    });

    app.get<{ Params: { groupName: string } }>('/group/:groupName', async (request) =>
      presentV1Group(await findGroup(deps, request.principal, request.params.groupName), request.surface),
    );

    app.get<{ Params: { groupName: string }; Querystring: WindowQuery }>(
      '/group/:groupName/member',
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
      app.get<{ Params: { groupName: string }; Querystring: WindowQuery }>(
        `/group/:groupName/${segment}`,
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
