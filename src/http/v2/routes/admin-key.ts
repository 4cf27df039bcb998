import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getAdminKey, issueAdminKey, revokeAdminKey } from '../../../services/permissions/admin-keys.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { adminKeyBodyRefusal, adminKeyRequestOf } from '../admin-key-input.ts';
import { presentV2AdminKey } from '../present/admin-key.ts';
import { AdminKeyBody } from '../schemas/admin-key.ts';

/** Cloud v2 `/admin-key`: the caller's own admin key. */
export function v2AdminKeyRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/admin-key', async (request) => presentV2AdminKey(await getAdminKey(deps, request.principal)));

    app.post(
      '/admin-key',
      { schema: { body: AdminKeyBody }, schemaErrorFormatter: bodyRefusedAs(adminKeyBodyRefusal) },
      async (request) =>
        presentV2AdminKey(await issueAdminKey(deps, request.principal, adminKeyRequestOf(request.body))),
    );

    app.delete('/admin-key', async (request, reply) => {
      await revokeAdminKey(deps, request.principal);
      return reply.status(204).send();
    });
  };
}
