import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ExpansionTree, emptyExpansion, parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ContentProperty } from '../../../services/properties/content-property.ts';
import { createContentProperty } from '../../../services/properties/create-content-property.ts';
import { deleteContentProperty } from '../../../services/properties/delete-content-property.ts';
import { getContentProperty } from '../../../services/properties/get-content-property.ts';
import { listContentProperties } from '../../../services/properties/list-content-properties.ts';
import { updateContentProperty } from '../../../services/properties/update-content-property.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { objectOf } from '../content-input.ts';
import { pageOf, type WindowQuery, windowOf } from '../paging.ts';
import { presentV1ContentProperty } from '../present/content-property.ts';
import { renderContents } from '../present/expanded-content.ts';

// Both v1 specs default content property lists to 10.
const propertyListRules = { defaultLimit: 10, maxLimit: 100 };

type IdParams = { Params: { id: string } };
type PropertyParams = { Params: { id: string; key: string } };
type ExpandQuery = { expand?: string | string[] };

/** Confluence expands `version` unless the client names its own expansions (both specs' default). */
const expansionOf = (raw: string | string[] | undefined) =>
  parseExpansion(raw === undefined ? 'version' : [raw].flat().join(','));

const keysOf = (raw: string | string[] | undefined) => [raw ?? []].flat().filter((key) => key !== '');

/** Content properties, v1 and Data Center (api-reference.md §1.8). */
export function v1ContentPropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    /** Renders one property; the content is rendered only when `expand=content` asks for it. */
    const present = async (request: FastifyRequest, found: ContentProperty, tree: ExpansionTree) => {
      const [content] = tree.has('content')
        ? await renderContents(deps, request, [found.content], emptyExpansion)
        : [undefined];
      return presentV1ContentProperty(found.property, found.content, request.surface, tree, content);
    };

    app.get<IdParams & { Querystring: WindowQuery & ExpandQuery & { key?: string | string[] } }>(
      '/content/:id/property',
      async (request) => {
        const window = windowOf(request.query, propertyListRules);
        const tree = expansionOf(request.query.expand);
        const { content, properties } = await listContentProperties(
          deps,
          request.principal,
          { id: parseContentId(request.params.id) },
          { keys: keysOf(request.query.key) },
          window,
        );
        const [rendered] = tree.has('content')
          ? await renderContents(deps, request, [content], emptyExpansion)
          : [undefined];
        return pageOf(request, properties, window, (property) =>
          presentV1ContentProperty(property, content, request.surface, tree, rendered),
        );
      },
    );

    app.post<IdParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/content/:id/property',
      async (request) => {
        const body = objectOf(request.body);
        const found = await createContentProperty(
          deps,
          request.principal,
          { id: parseContentId(request.params.id) },
          { key: body.key, value: body.value },
        );
        return present(request, found, expansionOf(request.query.expand));
      },
    );

    app.post<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/content/:id/property/:key',
      async (request) => {
        const found = await createContentProperty(
          deps,
          request.principal,
          { id: parseContentId(request.params.id) },
          { key: request.params.key, value: objectOf(request.body).value },
        );
        return present(request, found, expansionOf(request.query.expand));
      },
    );

    app.get<PropertyParams & { Querystring: ExpandQuery }>('/content/:id/property/:key', async (request) => {
      const found = await getContentProperty(
        deps,
        request.principal,
        { id: parseContentId(request.params.id) },
        { key: request.params.key },
      );
      return present(request, found, expansionOf(request.query.expand));
    });

    app.put<PropertyParams & { Body: unknown; Querystring: ExpandQuery }>(
      '/content/:id/property/:key',
      async (request) => {
        const body = objectOf(request.body);
        const found = await updateContentProperty(
          deps,
          request.principal,
          { id: parseContentId(request.params.id) },
          { key: request.params.key },
          { key: body.key, value: body.value, version: body.version },
        );
        return present(request, found, expansionOf(request.query.expand));
      },
    );

    app.delete<PropertyParams>('/content/:id/property/:key', async (request, reply) => {
      await deleteContentProperty(
        deps,
        request.principal,
        { id: parseContentId(request.params.id) },
        { key: request.params.key },
      );
      return reply.status(204).send();
    });
  };
}
