import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import type { Property } from '../../../domain/property.ts';
import type { PropertySort } from '../../../ports/task-and-property-store.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createProperty } from '../../../services/properties/create-property.ts';
import { deleteProperty } from '../../../services/properties/delete-property.ts';
import { getProperty } from '../../../services/properties/get-property.ts';
import { listPropertiesByKeyset } from '../../../services/properties/list-properties.ts';
import type { PropertyOwnerRef } from '../../../services/properties/property-owner.ts';
import { updateProperty } from '../../../services/properties/update-property.ts';
import { accountIdsOf } from '../../../services/users/account-ids-of.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { newPropertyOf, propertyBodyRefusal, propertyUpdateOf } from '../../v1/property-input.ts';
import { oneOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2ContentProperty, presentV2SpaceProperty } from '../present/content-property.ts';
import { PropertyBody, PropertyListQuery, PropertyParams } from '../schemas/properties.ts';
import { propertySorts, v2KeysetSortOf, type WireSorts } from '../sorts.ts';

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

/** Where one owner's properties hang on v2, and what its part of the spec says differently. */
interface OwnerRoutes<Shape> {
  /** `/pages/:id`, `/spaces/:id`… */
  path: string;
  refOf: (id: string) => PropertyOwnerRef;
  presentOne: (property: Property, authorAccountId: string | undefined) => Shape;
  /** The list's `sort` choices; without them (spaces) the list is by key. */
  sorts?: WireSorts<PropertySort['by']>;
  /** Spaces answer a created property with 201, content with 200. */
  createdStatus: 200 | 201;
  /** Which refused writes answer 404 rather than 403: every one for spaces, only a delete for content. */
  deniedAsMissing: 'writes' | 'delete';
}

const selectorOf = (propertyId: string) => ({ id: v2IdOf(propertyId, 'property-id') });

/** The list, create, get, update and delete of one owner's properties, addressed by ids. */
function registerPropertyRoutes<Shape>(
  instance: FastifyInstance,
  deps: ServiceDeps,
  owner: OwnerRoutes<Shape>,
) {
  const app = typed(instance);
  const present = propertyPresenter(deps, owner.presentOne);
  const { path, refOf } = owner;
  const writeRefused = <T>(write: Promise<T>) =>
    owner.deniedAsMissing === 'writes' ? deniedAsMissing(write) : write;

  const byKey = ascending('key');
  const refused = bodyRefusedAs(propertyBodyRefusal);

  app.get(
    `${path}/properties`,
    { schema: { params: IdParams, querystring: PropertyListQuery } },
    async (request, reply) => {
      const { query } = request;
      const limit = limitOf(oneOf(query.limit));
      // The spec's `key` is one string; a repeated one is read as its first, like other parameters.
      const key = oneOf(query.key);
      const slice = await listPropertiesByKeyset(
        deps,
        request.principal,
        refOf(request.params.id),
        key === undefined ? {} : { keys: [key] },
        {
          sort: owner.sorts ? v2KeysetSortOf(oneOf(query.sort), owner.sorts, byKey) : byKey,
          after: decodeCursor(oneOf(query.cursor)),
          limit,
        },
      );
      return keysetPage(request, reply, slice, limit, await present(slice.items));
    },
  );

  app.post(
    `${path}/properties`,
    { schema: { params: IdParams, body: PropertyBody }, schemaErrorFormatter: refused },
    async (request, reply) => {
      const { property } = await writeRefused(
        createProperty(deps, request.principal, refOf(request.params.id), newPropertyOf(request.body)),
      );
      reply.status(owner.createdStatus);
      return (await present([property]))(property);
    },
  );

  app.get(`${path}/properties/:propertyId`, { schema: { params: PropertyParams } }, async (request) => {
    const { property } = await getProperty(
      deps,
      request.principal,
      refOf(request.params.id),
      selectorOf(request.params.propertyId),
    );
    return (await present([property]))(property);
  });

  app.put(
    `${path}/properties/:propertyId`,
    { schema: { params: PropertyParams, body: PropertyBody }, schemaErrorFormatter: refused },
    async (request) => {
      const { property } = await writeRefused(
        updateProperty(
          deps,
          request.principal,
          refOf(request.params.id),
          selectorOf(request.params.propertyId),
          propertyUpdateOf(request.body),
        ),
      );
      return (await present([property]))(property);
    },
  );

  app.delete(
    `${path}/properties/:propertyId`,
    { schema: { params: PropertyParams } },
    async (request, reply) => {
      await deniedAsMissing(
        deleteProperty(
          deps,
          request.principal,
          refOf(request.params.id),
          selectorOf(request.params.propertyId),
        ),
      );
      return reply.status(204).send();
    },
  );
}

/**
 * Content properties of pages, blog posts, attachments, comments, Cloud's tree types and custom content on Cloud v2
 * (`/pages/{page-id}/properties[/{property-id}]`);
 * the same properties v1 addresses by key, here by id.
 */
export function v2ContentPropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
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
      registerPropertyRoutes(app, deps, {
        path: `/${collection}/:id`,
        refOf: (id) => ({ content: { id: idOf(id, idName), types: [type] } }),
        presentOne: presentV2ContentProperty,
        sorts: propertySorts,
        createdStatus: 200,
        deniedAsMissing: 'delete',
      });
    }
  };
}

/**
 * Space properties on Cloud v2 (`/spaces/{space-id}/properties[/{property-id}]`): the properties v1
 * addresses by space key and property key, here by ids. Writing takes the space administration v1 asks
 * for; the spec answers a missing right with 404.
 */
export function v2SpacePropertyRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    registerPropertyRoutes(app, deps, {
      path: '/spaces/:id',
      refOf: (id) => ({ space: { id: v2IdOf(id, 'space-id') } }),
      presentOne: presentV2SpaceProperty,
      createdStatus: 201,
      deniedAsMissing: 'writes',
    });
  };
}
