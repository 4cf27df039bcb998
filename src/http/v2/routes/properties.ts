import type { FastifyInstance } from 'fastify';
import type { Property } from '../../../domain/property.ts';
import type { PropertySort } from '../../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createContentProperty } from '../../../services/properties/create-content-property.ts';
import { deleteContentProperty } from '../../../services/properties/delete-content-property.ts';
import { getContentProperty } from '../../../services/properties/get-content-property.ts';
import { listContentPropertiesByKeyset } from '../../../services/properties/list-content-properties.ts';
import { updateContentProperty } from '../../../services/properties/update-content-property.ts';
import { accountIdsOf } from '../../../services/users/account-ids-of.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { jsonObjectOf, oneOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf, v2SortOf } from '../path-ids.ts';
import { presentV2ContentProperty } from '../present/content-property.ts';

type PropertiesQuery = { key?: string | string[]; sort?: string; cursor?: string; limit?: string };
type IdParams = { Params: { id: string } };
type PropertyParams = { Params: { id: string; propertyId: string } };

const propertySorts: readonly PropertySort[] = ['key', '-key'];

/** Presents properties with their authors' account ids, looked up once for the lot. */
export function propertyPresenter<Shape>(
  deps: ServiceDeps,
  presentOne: (property: Property, authorAccountId: string | undefined) => Shape,
) {
  return async (properties: readonly Property[]) => {
    const accountIds = await accountIdsOf(
      deps,
      properties.map((property) => property.authorId),
    );
    return (property: Property) =>
      presentOne(property, property.authorId === null ? undefined : accountIds.get(property.authorId));
  };
}

/**
 * Content properties of pages, blog posts, attachments, comments, Cloud's tree types and custom content on Cloud v2
 * (`/pages/{page-id}/properties[/{property-id}]`);
 * the same properties v1 addresses by key, here by id.
 */
export function v2ContentPropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const present = propertyPresenter(deps, presentV2ContentProperty);

    // `/comments/{comment-id}` is any comment, footer or inline: both are content of type comment.
    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
      ['attachments', 'attachment'],
      ['comments', 'comment'],
      ['folders', 'folder'],
      ['whiteboards', 'whiteboard'],
      ['databases', 'database'],
      ['embeds', 'embed'],
      ['custom-content', 'custom'],
    ] as const) {
      // Attachment paths take `att123` as well as `123` (api-reference.md §0.4).
      const idOf = type === 'attachment' ? parseContentId : v2IdOf;
      const idName = type === 'custom' ? 'custom-content-id' : `${type}-id`;
      const targetOf = (id: string) => ({ id: idOf(id, idName), types: [type] });
      const selectorOf = (propertyId: string) => ({ id: v2IdOf(propertyId, 'property-id') });

      app.get<IdParams & { Querystring: PropertiesQuery }>(
        `/${collection}/:id/properties`,
        async (request, reply) => {
          const { query } = request;
          const limit = limitOf(query.limit);
          const slice = await listContentPropertiesByKeyset(
            deps,
            request.principal,
            targetOf(request.params.id),
            // The spec's `key` is one string; a repeated one is read as its first, like other parameters.
            query.key === undefined ? {} : { keys: [oneOf(query.key) ?? ''] },
            { sort: v2SortOf(query.sort, propertySorts, 'key'), after: decodeCursor(query.cursor), limit },
          );
          return keysetPage(request, reply, slice, limit, await present(slice.items));
        },
      );

      app.post<IdParams & { Body: unknown }>(`/${collection}/:id/properties`, async (request) => {
        const body = jsonObjectOf(request.body);
        const { property } = await createContentProperty(
          deps,
          request.principal,
          targetOf(request.params.id),
          {
            key: body.key,
            value: body.value,
          },
        );
        return (await present([property]))(property);
      });

      app.get<PropertyParams>(`/${collection}/:id/properties/:propertyId`, async (request) => {
        const { property } = await getContentProperty(
          deps,
          request.principal,
          targetOf(request.params.id),
          selectorOf(request.params.propertyId),
        );
        return (await present([property]))(property);
      });

      app.put<PropertyParams & { Body: unknown }>(
        `/${collection}/:id/properties/:propertyId`,
        async (request) => {
          const body = jsonObjectOf(request.body);
          const { property } = await updateContentProperty(
            deps,
            request.principal,
            targetOf(request.params.id),
            selectorOf(request.params.propertyId),
            { key: body.key, value: body.value, version: body.version },
          );
          return (await present([property]))(property);
        },
      );

      app.delete<PropertyParams>(`/${collection}/:id/properties/:propertyId`, async (request, reply) => {
        await deniedAsMissing(
          deleteContentProperty(
            deps,
            request.principal,
            targetOf(request.params.id),
            selectorOf(request.params.propertyId),
          ),
        );
        return reply.status(204).send();
      });
    }
  };
}
