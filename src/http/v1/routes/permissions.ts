import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  changeSpacePermissions,
  setSpacePermissions,
} from '../../../services/permissions/change-space-permissions.ts';
import {
  changeGlobalPermissions,
  listGlobalPermissions,
  setGlobalPermissions,
} from '../../../services/permissions/global-permissions.ts';
import { listSpacePermissions } from '../../../services/permissions/list-space-permissions.ts';
import type { SubjectRef } from '../../../services/permissions/permission-subjects.ts';
import {
  changeUnlicensedPermissions,
  listUnlicensedPermissions,
} from '../../../services/permissions/unlicensed-permissions.ts';
import { typed } from '../../common/schemas.ts';
import {
  presentV1GlobalPermission,
  presentV1SpacePermission,
  presentV1UnlicensedPermission,
} from '../present/permission.ts';
import {
  OperationsBody,
  SpaceKeyParams,
  SubjectOperationsBody,
  SubjectParams,
} from '../schemas/permissions.ts';

/** The three subject forms of the paths below: `anonymous`, `group/{groupName}`, `user/{userKey}`. */
const subjectPaths: readonly { path: string; refOf: (params: Static<typeof SubjectParams>) => SubjectRef }[] =
  [
    { path: 'anonymous', refOf: () => ({ kind: 'anonymous' }) },
    { path: 'group/:groupName', refOf: (params) => ({ kind: 'group', groupName: params.groupName ?? '' }) },
    { path: 'user/:userKey', refOf: (params) => ({ kind: 'user', userKey: params.userKey ?? '' }) },
  ];

/**
 * Data Center's space permissions (`/space/{key}/permissions…`) and global permissions (`/permissions…`):
 * lists, grants and revokes per subject, and whole sets per subject (POST / PUT). For administrators of the
 * space, and of the site.
 */
export function v1PermissionRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const spaceList = async (
      principal: Parameters<typeof listSpacePermissions>[1],
      key: string,
      only?: SubjectRef,
    ) => {
      const { space, permissions } = await listSpacePermissions(deps, principal, key, only);
      return permissions.map((permission) => presentV1SpacePermission(permission, space));
    };
    const globalList = async (principal: Parameters<typeof listGlobalPermissions>[1], only?: SubjectRef) =>
      (await listGlobalPermissions(deps, principal, only)).map(presentV1GlobalPermission);

    app.get('/space/:spaceKey/permissions', { schema: { params: SpaceKeyParams } }, (request) =>
      spaceList(request.principal, request.params.spaceKey),
    );
    const setSchema = { params: SpaceKeyParams, body: SubjectOperationsBody };
    app.post('/space/:spaceKey/permissions', { schema: setSchema }, async (request) => {
      await setSpacePermissions(deps, request.principal, request.params.spaceKey, request.body);
      return spaceList(request.principal, request.params.spaceKey);
    });
    app.get('/permissions', (request) => globalList(request.principal));
    app.get('/permissions/unlicensed', async (request) =>
      (await listUnlicensedPermissions(deps, request.principal)).map(presentV1UnlicensedPermission),
    );
    for (const change of ['grant', 'revoke'] as const) {
      app.put(
        `/permissions/unlicensed/${change}`,
        { schema: { body: OperationsBody } },
        async (request, reply) => {
          await changeUnlicensedPermissions(deps, request.principal, change, request.body);
          return reply.status(204).send();
        },
      );
    }
    app.put('/permissions', { schema: { body: SubjectOperationsBody } }, async (request) => {
      await setGlobalPermissions(deps, request.principal, request.body);
      return globalList(request.principal);
    });

    const subjectSchema = { params: SubjectParams };
    const changeSchema = { params: SubjectParams, body: OperationsBody };
    for (const { path, refOf } of subjectPaths) {
      app.get(`/space/:spaceKey/permissions/${path}`, { schema: subjectSchema }, (request) =>
        spaceList(request.principal, request.params.spaceKey ?? '', refOf(request.params)),
      );
      app.get(`/permissions/${path}`, { schema: subjectSchema }, (request) =>
        globalList(request.principal, refOf(request.params)),
      );
      for (const change of ['grant', 'revoke'] as const) {
        const spacePath = `/space/:spaceKey/permissions/${path}/${change}`;
        app.put(spacePath, { schema: changeSchema }, async (request, reply) => {
          const ref = refOf(request.params);
          await changeSpacePermissions(
            deps,
            request.principal,
            request.params.spaceKey ?? '',
            ref,
            change,
            request.body,
          );
          return reply.status(204).send();
        });
        app.put(`/permissions/${path}/${change}`, { schema: changeSchema }, async (request, reply) => {
          await changeGlobalPermissions(deps, request.principal, refOf(request.params), change, request.body);
          return reply.status(204).send();
        });
      }
    }
  };
}
