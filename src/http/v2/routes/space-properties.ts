import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createSpaceProperty } from '../../../services/spaces/create-space-property.ts';
import { deleteSpaceProperty } from '../../../services/spaces/delete-space-property.ts';
import { getSpaceProperty } from '../../../services/spaces/get-space-property.ts';
import { listSpacePropertiesByKeyset } from '../../../services/spaces/list-space-properties.ts';
import { updateSpaceProperty } from '../../../services/spaces/update-space-property.ts';
import { jsonObjectOf, oneOf, type V2Query } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2SpaceProperty } from '../present/content-property.ts';
import { propertyPresenter } from './properties.ts';

type IdParams = { Params: { id: string } };
type PropertyParams = { Params: { id: string; propertyId: string } };

/**
 * Space properties on Cloud v2 (`/spaces/{space-id}/properties[/{property-id}]`): the properties v1
 * addresses by space key and property key, here by ids. Writing takes the space administration v1 asks
 * for; the spec answers a missing right with 404.
 */
export function v2SpacePropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const present = propertyPresenter(deps, presentV2SpaceProperty);
    const spaceOf = (id: string) => ({ id: v2IdOf(id, 'space-id') });
    const selectorOf = (propertyId: string) => ({ id: v2IdOf(propertyId, 'property-id') });

    app.get<IdParams & { Querystring: V2Query }>('/spaces/:id/properties', async (request, reply) => {
      const { query } = request;
      const limit = limitOf(oneOf(query.limit));
      const key = oneOf(query.key);
      const slice = await listSpacePropertiesByKeyset(
        deps,
        request.principal,
        spaceOf(request.params.id).id,
        key === undefined ? {} : { keys: [key] },
        { sort: 'key', after: decodeCursor(oneOf(query.cursor)), limit },
      );
      return keysetPage(request, reply, slice, limit, await present(slice.items));
    });

    app.post<IdParams & { Body: unknown }>('/spaces/:id/properties', async (request, reply) => {
      const body = jsonObjectOf(request.body);
      const { property } = await deniedAsMissing(
        createSpaceProperty(deps, request.principal, spaceOf(request.params.id), {
          key: body.key,
          value: body.value,
        }),
      );
      reply.status(201);
      return (await present([property]))(property);
    });

    app.get<PropertyParams>('/spaces/:id/properties/:propertyId', async (request) => {
      const { property } = await getSpaceProperty(
        deps,
        request.principal,
        spaceOf(request.params.id),
        selectorOf(request.params.propertyId),
      );
      return (await present([property]))(property);
    });

    app.put<PropertyParams & { Body: unknown }>('/spaces/:id/properties/:propertyId', async (request) => {
      const body = jsonObjectOf(request.body);
      const { property } = await deniedAsMissing(
        updateSpaceProperty(
          deps,
          request.principal,
          spaceOf(request.params.id),
          selectorOf(request.params.propertyId),
          { key: body.key, value: body.value, version: body.version },
        ),
      );
      return (await present([property]))(property);
    });

    app.delete<PropertyParams>('/spaces/:id/properties/:propertyId', async (request, reply) => {
      await deniedAsMissing(
        deleteSpaceProperty(
          deps,
          request.principal,
          spaceOf(request.params.id),
          selectorOf(request.params.propertyId),
        ),
      );
      return reply.status(204).send();
    });
  };
}
