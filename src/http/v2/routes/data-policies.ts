import type { FastifyInstance } from 'fastify';
import { getDataPolicyMetadata } from '../../../services/apps/get-data-policy-metadata.ts';
import { listDataPolicySpaces } from '../../../services/apps/list-data-policy-spaces.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { typed } from '../../common/schemas.ts';
import { keysetPage } from '../paging.ts';
import { presentV2DataPolicySpace } from '../present/space.ts';
import { DataPolicySpaceListQuery } from '../schemas/spaces.ts';
import { spaceListOf } from './spaces.ts';

/**
 * Cloud v2 data policies, answered from the app access rules (`tributary apps`): what is blocked is what
 * the calling app's rules block. The spec says only apps call these; a user's own request has no app, so
 * nothing is blocked for it, and it is answered as such rather than refused.
 */
export function v2DataPolicyRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/data-policies/metadata', async (request) => getDataPolicyMetadata(deps, request.principal));

    const list = { schema: { querystring: DataPolicySpaceListQuery } };
    app.get('/data-policies/spaces', list, async (request, reply) => {
      const { filter, window } = spaceListOf(request.query);
      const { spaces, blockedSpaceIds } = await listDataPolicySpaces(deps, request.principal, filter, window);
      return keysetPage(request, reply, spaces, window.limit, (space) =>
        presentV2DataPolicySpace(space, blockedSpaceIds.has(space.id)),
      );
    });
  };
}
