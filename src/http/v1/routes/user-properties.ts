import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createUserProperty,
  deleteUserProperty,
  getUserProperty,
  listUserPropertyKeys,
  updateUserProperty,
} from '../../../services/users/user-properties.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1UserProperty } from '../present/user.ts';
import { StartLimitQuery } from '../schemas/common.ts';
import { UserParams, UserPropertyBody, UserPropertyParams } from '../schemas/user-properties.ts';
import { userPropertyBodyRefusal, userPropertyValueOf } from '../user-property-input.ts';

// Cloud v1 spec: limit 5 by default, at most 25.
const propertyKeyRules = { defaultLimit: 5, maxLimit: 25 };

/** Cloud v1 `/user/{userId}/property…`, the user named by account id. */
export function v1UserPropertyRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/user/:userId/property',
      { schema: { params: UserParams, querystring: StartLimitQuery } },
      async (request) => {
        const window = windowOf(request.query, propertyKeyRules);
        const slice = await listUserPropertyKeys(deps, request.principal, request.params.userId, window);
        return pageOf(request, slice, window, (key) => ({ key }));
      },
    );

    app.get('/user/:userId/property/:key', { schema: { params: UserPropertyParams } }, async (request) => {
      const { userId, key } = request.params;
      const property = await getUserProperty(deps, request.principal, userId, key);
      return presentV1UserProperty(property, userId, request.surface);
    });

    const withValue = {
      schema: { params: UserPropertyParams, body: UserPropertyBody },
      schemaErrorFormatter: bodyRefusedAs(userPropertyBodyRefusal),
    };

    app.post('/user/:userId/property/:key', withValue, async (request, reply) => {
      const { userId, key } = request.params;
      const property = await createUserProperty(
        deps,
        request.principal,
        userId,
        key,
        userPropertyValueOf(request.body),
      );
      return reply.status(201).send(presentV1UserProperty(property, userId, request.surface));
    });

    app.put('/user/:userId/property/:key', withValue, async (request, reply) => {
      const { userId, key } = request.params;
      await updateUserProperty(deps, request.principal, userId, key, userPropertyValueOf(request.body));
      return reply.status(204).send();
    });

    app.delete(
      '/user/:userId/property/:key',
      { schema: { params: UserPropertyParams } },
      async (request, reply) => {
        const { userId, key } = request.params;
        await deleteUserProperty(deps, request.principal, userId, key);
        return reply.status(204).send();
      },
    );
  };
}
