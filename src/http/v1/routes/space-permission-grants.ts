import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addSpacePermission } from '../../../services/permissions/add-space-permission.ts';
import { removeSpacePermission } from '../../../services/permissions/remove-space-permission.ts';
import { presentCloudSpacePermission } from '../present/permission.ts';

/** Cloud v1's single space permissions: `POST /space/{key}/permission`, `DELETE …/permission/{id}`. */
export function v1SpacePermissionGrantRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Params: { spaceKey: string }; Body: unknown }>(
      '/space/:spaceKey/permission',
      async (request) =>
        presentCloudSpacePermission(
          await addSpacePermission(deps, request.principal, request.params.spaceKey, request.body),
        ),
    );

    app.delete<{ Params: { spaceKey: string; id: string } }>(
      '/space/:spaceKey/permission/:id',
      async (request, reply) => {
        await removeSpacePermission(deps, request.principal, request.params.spaceKey, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
