import type { FastifyInstance } from 'fastify';
import {
  deleteAppProperty,
  getAppProperty,
  listAppProperties,
  putAppProperty,
} from '../../../services/apps/app-properties.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { presentV2AppProperty } from '../present/app-property.ts';
import { AppPropertyBody, AppPropertyListQuery, AppPropertyParams } from '../schemas/app-properties.ts';

// Cloud v2 spec: 50 by default, at most 250.
const appPropertyRules = { defaultLimit: 50, maxLimit: 250 };

/** Cloud v2 Forge app properties, for requests made with an app's token. */
export function v2AppPropertyRoutes(deps: ServiceDeps) {
  return async (instance: FastifyInstance) => {
    const app = typed(instance);
    app.get('/app/properties', { schema: { querystring: AppPropertyListQuery } }, async (request, reply) => {
      const limit = limitOf(oneOf(request.query.limit), appPropertyRules);
      const after = decodeCursor(oneOf(request.query.cursor));
      const afterKey = after === undefined ? undefined : String(after.sortValue);
      const slice = await listAppProperties(deps, request.principal, afterKey, limit);
      return keysetPage(request, reply, slice, limit, presentV2AppProperty);
    });

    app.get('/app/properties/:propertyKey', { schema: { params: AppPropertyParams } }, async (request) =>
      presentV2AppProperty(await getAppProperty(deps, request.principal, request.params.propertyKey)),
    );

    app.put(
      '/app/properties/:propertyKey',
      { schema: { params: AppPropertyParams, body: AppPropertyBody } },
      async (request, reply) => {
        const stored = await putAppProperty(
          deps,
          request.principal,
          request.params.propertyKey,
          request.body,
        );
        return reply.status(stored.created ? 201 : 200).send(presentV2AppProperty(stored));
      },
    );

    app.delete(
      '/app/properties/:propertyKey',
      { schema: { params: AppPropertyParams } },
      async (request, reply) => {
        await deleteAppProperty(deps, request.principal, request.params.propertyKey);
        return reply.status(204).send();
      },
    );
  };
}
