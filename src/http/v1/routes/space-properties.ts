import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createSpaceProperty } from '../../../services/spaces/create-space-property.ts';
import { deleteSpaceProperty } from '../../../services/spaces/delete-space-property.ts';
import { getSpaceProperty } from '../../../services/spaces/get-space-property.ts';
import { listSpaceProperties } from '../../../services/spaces/list-space-properties.ts';
import { updateSpaceProperty } from '../../../services/spaces/update-space-property.ts';
import { objectOf } from '../content-input.ts';
import { expansionAsked } from '../default-expansion.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { presentV1SpaceProperty } from '../present/space-property.ts';

// Both specs default space property lists to 10.
const propertyListRules = { defaultLimit: 10, maxLimit: 100 };

type KeyParams = { Params: { spaceKey: string } };
type PropertyParams = { Params: { spaceKey: string; key: string } };
type ExpandQuery = { expand?: string | string[] };

/** Confluence expands `version` unless the client names its own expansions (both specs' default). */
const defaultExpansion = 'version';

export function v1SpacePropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<KeyParams & { Querystring: WindowQuery & ExpandQuery }>(
      '/space/:spaceKey/property',
      async (request) => {
        const window = windowOf(request.query, propertyListRules);
        const tree = expansionAsked(request, defaultExpansion);
        const { space, properties } = await listSpaceProperties(
          deps,
          request.principal,
          request.params.spaceKey,
          window,
        );
        return pageOf(request, properties, window, (property) =>
          presentV1SpaceProperty(property, space, request.surface, tree),
        );
      },
    );

    app.post<KeyParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/space/:spaceKey/property',
      async (request) => {
        const body = objectOf(request.body);
        const { space, property } = await createSpaceProperty(
          deps,
          request.principal,
          { key: request.params.spaceKey },
          {
            key: body.key,
            value: body.value,
          },
        );
        return presentV1SpaceProperty(
          property,
          space,
          request.surface,
          expansionAsked(request, defaultExpansion),
        );
      },
    );

    app.post<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/space/:spaceKey/property/:key',
      async (request) => {
        const { space, property } = await createSpaceProperty(
          deps,
          request.principal,
          { key: request.params.spaceKey },
          {
            key: request.params.key,
            value: objectOf(request.body).value,
          },
        );
        return presentV1SpaceProperty(
          property,
          space,
          request.surface,
          expansionAsked(request, defaultExpansion),
        );
      },
    );

    app.get<PropertyParams & { Querystring: ExpandQuery }>(
      '/space/:spaceKey/property/:key',
      async (request) => {
        const { space, property } = await getSpaceProperty(
          deps,
          request.principal,
          { key: request.params.spaceKey },
          { key: request.params.key },
        );
        return presentV1SpaceProperty(
          property,
          space,
          request.surface,
          expansionAsked(request, defaultExpansion),
        );
      },
    );

    app.put<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/space/:spaceKey/property/:key',
      async (request) => {
        const body = objectOf(request.body);
        const { space, property } = await updateSpaceProperty(
          deps,
          request.principal,
          { key: request.params.spaceKey },
          { key: request.params.key },
          { key: body.key, value: body.value, version: body.version },
        );
        return presentV1SpaceProperty(
          property,
          space,
          request.surface,
          expansionAsked(request, defaultExpansion),
        );
      },
    );

    app.delete<PropertyParams>('/space/:spaceKey/property/:key', async (request, reply) => {
      await deleteSpaceProperty(
        deps,
        request.principal,
        { key: request.params.spaceKey },
        { key: request.params.key },
      );
      return reply.status(204).send();
    });
  };
}
