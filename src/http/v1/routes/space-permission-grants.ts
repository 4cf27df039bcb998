import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addSpacePermission } from '../../../services/permissions/add-space-permission.ts';
import { removeSpacePermission } from '../../../services/permissions/remove-space-permission.ts';
import { typed } from '../../common/schemas.ts';
import { presentCloudSpacePermission } from '../present/permission.ts';
import { SpaceKeyParams, SpacePermissionBody, SpacePermissionParams } from '../schemas/permissions.ts';

/** Cloud v1's single space permissions: `POST /space/{key}/permission`, `DELETE …/permission/{id}`. */
export function v1SpacePermissionGrantRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.post(
      '/space/:spaceKey/permission',
      { schema: { params: SpaceKeyParams, body: SpacePermissionBody } },
      async (request) =>
        presentCloudSpacePermission(
          await addSpacePermission(deps, request.principal, request.params.spaceKey, request.body),
        ),
    );

    app.delete(
      '/space/:spaceKey/permission/:id',
      { schema: { params: SpacePermissionParams } },
      async (request, reply) => {
        await removeSpacePermission(deps, request.principal, request.params.spaceKey, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
