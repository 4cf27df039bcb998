import type { FastifyInstance } from 'fastify';
import { getDataPolicyMetadata } from '../../../services/apps/get-data-policy-metadata.ts';
import { listDataPolicySpaces } from '../../../services/apps/list-data-policy-spaces.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { keysetPage } from '../paging.ts';
import { presentV2DataPolicySpace } from '../present/space.ts';
import { type SpacesQuery, spaceListOf } from './spaces.ts';

/**
 * Cloud v2 data policies, answered from the app access rules (`tributary apps`): what is blocked is what
 * the calling app's rules block. The spec says only apps call these; a user's own request has no app, so
 * nothing is blocked for it, and it is answered as such rather than refused.
 */
export function v2DataPolicyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get('/data-policies/metadata', async (request) => getDataPolicyMetadata(deps, request.principal));

    app.get<{ Querystring: SpacesQuery }>('/data-policies/spaces', async (request, reply) => {
      const { filter, window } = spaceListOf(request.query);
      const { spaces, blockedSpaceIds } = await listDataPolicySpaces(deps, request.principal, filter, window);
      return keysetPage(request, reply, spaces, window.limit, (space) =>
        presentV2DataPolicySpace(space, blockedSpaceIds.has(space.id)),
      );
    });
  };
}
