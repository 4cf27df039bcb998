import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getAdminKey, issueAdminKey, revokeAdminKey } from '../../../services/permissions/admin-keys.ts';
import { presentV2AdminKey } from '../present/admin-key.ts';

/** Cloud v2 `/admin-key`: the caller's own admin key. */
export function v2AdminKeyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get('/admin-key', async (request) => presentV2AdminKey(await getAdminKey(deps, request.principal)));

    app.post('/admin-key', async (request) =>
      presentV2AdminKey(await issueAdminKey(deps, request.principal, request.body)),
    );

    app.delete('/admin-key', async (request, reply) => {
      await revokeAdminKey(deps, request.principal);
      return reply.status(204).send();
    });
  };
}
