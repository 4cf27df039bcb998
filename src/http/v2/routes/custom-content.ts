import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { Content } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import { ascending } from '../../../domain/paging.ts';
import { getVersionDetail, listVersionsByKeyset } from '../../../services/content/content-versions.ts';
import { createCustomContent, customTypeOf } from '../../../services/content/create-custom-content.ts';
import { deleteContent } from '../../../services/content/delete-content.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listContentOperations } from '../../../services/content/list-content-operations.ts';
import { type CustomContentScope, listCustomContent } from '../../../services/content/list-custom-content.ts';
import { loadRelations, loadUsers } from '../../../services/content/load-relations.ts';
import { updateContent } from '../../../services/content/update-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import {
  type JsonObject,
  oneOf,
  v2BodyFormatOf,
  v2BodyIdOf,
  v2IdsOf,
  v2UpdateOf,
  v2VersionWindowOf,
} from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import {
  customBulkBodyFormats,
  customSingleBodyFormats,
  presentV2ChildCustomContent,
  presentV2CustomContent,
  presentV2CustomContentVersion,
  type V2CustomContentView,
} from '../present/custom-content.ts';
import { presentV2Operations } from '../present/operations.ts';
import { presentV2DetailedVersion } from '../present/page.ts';
import { PurgeQuery, VersionParams } from '../schemas/common.ts';
import {
  CustomContentChildrenQuery,
  CustomContentCreateBody,
  CustomContentListQuery,
  CustomContentQuery,
  CustomContentUpdateBody,
  VersionListQuery,
} from '../schemas/custom-content.ts';
import { pageSorts, v2KeysetSortOf } from '../sorts.ts';

const types = ['custom'] as const;
// The spec caps `id` at 250 values and `space-id` at 100.
const maxIds = 250;
const maxSpaceIds = 100;
// Flags of `GET /custom-content/{id}` for fields loaded elsewhere (`…/labels`, `…/properties`…); checked,
// then answered with the item alone.
const singleFlags = [
  'include-labels',
  'include-properties',
  'include-operations',
  'include-versions',
  'include-collaborators',
] as const;
// Users for account ids, spaces for links, containers for `pageId`/`blogPostId`/`customContentId`.
const customExpansion = parseExpansion('version,container');

/** The app's type a list asks for: the spec makes `type` required. */
const requiredTypeOf = (query: Static<typeof CustomContentListQuery>) => {
  const raw = oneOf(query.type);
  if (raw === undefined || raw === '') throw badRequest('type is required', { field: 'type' });
  return customTypeOf(raw);
};

/** Where `pageId`, `blogPostId`, `customContentId` or `spaceId` of a body puts the item. */
function placeOf(body: JsonObject) {
  return {
    spaceId: v2BodyIdOf(body.spaceId, 'spaceId'),
    pageId: v2BodyIdOf(body.pageId, 'pageId'),
    blogPostId: v2BodyIdOf(body.blogPostId, 'blogPostId'),
    customContentId: v2BodyIdOf(body.customContentId, 'customContentId'),
  };
}

/**
 * Cloud v2 custom content: an app's own content type (its `type` string), with a storage, ADF or raw body,
 * versions, and a place in a space, page, blog post or other custom content. Its labels, attachments,
 * footer comments and properties are served with those of pages (labels.ts, attachments.ts…).
 */
export function v2CustomContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const viewOf = async (
      request: FastifyRequest,
      contents: readonly Content[],
      options: Omit<V2CustomContentView, 'surface' | 'relations'> = {},
    ): Promise<V2CustomContentView> => ({
      surface: request.surface,
      relations: await loadRelations(deps, request.principal, contents, customExpansion),
      ...options,
    });

    const listIn =
      (scopeOf: (params: Partial<Static<typeof IdParams>>) => CustomContentScope, typeRequired: boolean) =>
      async (
        request: FastifyRequest<{
          Params: Partial<Static<typeof IdParams>>;
          Querystring: Static<typeof CustomContentListQuery>;
        }>,
        reply: Parameters<typeof keysetPage>[1],
      ) => {
        const { query } = request;
        const limit = limitOf(oneOf(query.limit));
        const customType = typeRequired ? requiredTypeOf(query) : undefined;
        const slice = await listCustomContent(
          deps,
          request.principal,
          scopeOf(request.params),
          {
            customType,
            ids: v2IdsOf(query.id, 'id', maxIds),
            spaceIds: v2IdsOf(query['space-id'], 'space-id', maxSpaceIds),
          },
          {
            sort: v2KeysetSortOf(oneOf(query.sort), pageSorts, ascending('id')),
            after: decodeCursor(oneOf(query.cursor)),
            limit,
          },
        );
        if (!typeRequired) return keysetPage(request, reply, slice, limit, presentV2ChildCustomContent);
        const view = await viewOf(request, slice.items, {
          bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), customBulkBodyFormats),
        });
        return keysetPage(request, reply, slice, limit, (content) => presentV2CustomContent(content, view));
      };

    app.get(
      '/custom-content',
      { schema: { querystring: CustomContentListQuery } },
      listIn(() => ({ kind: 'site' }), true),
    );
    app.get(
      '/spaces/:id/custom-content',
      { schema: { params: IdParams, querystring: CustomContentListQuery } },
      listIn((params) => ({ kind: 'space', id: v2IdOf(params.id) }), true),
    );
    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
    ] as const) {
      app.get(
        `/${collection}/:id/custom-content`,
        { schema: { params: IdParams, querystring: CustomContentListQuery } },
        listIn((params) => ({ kind: 'container', id: v2IdOf(params.id), type }), true),
      );
    }
    app.get(
      '/custom-content/:id/children',
      { schema: { params: IdParams, querystring: CustomContentChildrenQuery } },
      listIn((params) => ({ kind: 'container', id: v2IdOf(params.id), type: 'custom' }), false),
    );

    app.post('/custom-content', { schema: { body: CustomContentCreateBody } }, async (request, reply) => {
      const { body } = request;
      const content = await createCustomContent(deps, request.principal, {
        customType: body.type,
        title: body.title,
        body: body.body ?? undefined,
        status: body.status,
        ...placeOf(body),
      });
      const view = await viewOf(request, [content], {
        bodyFormat: content.version.body?.representation === 'storage' ? 'storage' : undefined,
        root: true,
      });
      reply.status(201).header('location', `${request.surface.base}/api/v2/custom-content/${content.id}`);
      return presentV2CustomContent(content, view);
    });

    const single = { schema: { params: IdParams, querystring: CustomContentQuery } };
    app.get('/custom-content/:id', single, async (request) => {
      const { query } = request;
      for (const flag of singleFlags) v2FlagOf(oneOf(query[flag]), flag, false);
      const versionNumber = oneOf(query.version);
      const content = await getContent(deps, request.principal, v2IdOf(request.params.id), {
        types,
        statuses: ['current', 'draft', 'trashed'],
        versionNumber: versionNumber === undefined ? undefined : v2IdOf(versionNumber, 'version'),
      });
      const view = await viewOf(request, [content], {
        bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), customSingleBodyFormats),
        includeVersion: v2FlagOf(oneOf(query['include-version']), 'include-version', true),
        root: true,
      });
      return presentV2CustomContent(content, view);
    });

    const update = { schema: { params: IdParams, body: CustomContentUpdateBody } };
    app.put('/custom-content/:id', update, async (request) => {
      const id = v2IdOf(request.params.id);
      const { body } = request;
      const { versionNumber, message } = v2UpdateOf(body, id);
      const existing = await getContent(deps, request.principal, id, {
        types,
        statuses: ['current', 'draft', 'trashed'],
      });
      if (body.type !== undefined && customTypeOf(body.type) !== existing.customType) {
        throw badRequest('The type of custom content cannot be changed', { field: 'type' });
      }
      requireSamePlace(existing, placeOf(body));
      const content = await updateContent(deps, request.principal, id, {
        types,
        versionNumber,
        title: body.title,
        body: body.body ?? undefined,
        status: body.status,
        message,
      });
      const view = await viewOf(request, [content], {
        bodyFormat: content.version.body?.representation === 'storage' ? 'storage' : undefined,
        root: true,
      });
      return presentV2CustomContent(content, view);
    });

    const remove = { schema: { params: IdParams, querystring: PurgeQuery } };
    app.delete('/custom-content/:id', remove, async (request, reply) => {
      await deniedAsMissing(
        deleteContent(deps, request.principal, v2IdOf(request.params.id), {
          types,
          purge: v2FlagOf(oneOf(request.query.purge), 'purge', false),
        }),
      );
      return reply.status(204).send();
    });

    app.get('/custom-content/:id/operations', { schema: { params: IdParams } }, async (request) =>
      presentV2Operations(
        await listContentOperations(deps, request.principal, v2IdOf(request.params.id), types),
        'custom-content',
      ),
    );

    const versions = { schema: { params: IdParams, querystring: VersionListQuery } };
    app.get('/custom-content/:id/versions', versions, async (request, reply) => {
      const { query } = request;
      const window = v2VersionWindowOf(query);
      const { content, versions } = await listVersionsByKeyset(
        deps,
        request.principal,
        { id: v2IdOf(request.params.id, 'custom-content-id'), types },
        window,
      );
      const view = await viewOf(request, [content], {
        bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), customBulkBodyFormats),
      });
      // Each version's author, beside the item's creator.
      await loadUsers(
        deps,
        versions.items.map((version) => version.authorId),
        view.relations,
      );
      return keysetPage(request, reply, versions, window.limit, (version) =>
        presentV2CustomContentVersion(content, version, view),
      );
    });

    const version = { schema: { params: VersionParams } };
    app.get('/custom-content/:id/versions/:versionNumber', version, async (request) => {
      const detail = await getVersionDetail(
        deps,
        request.principal,
        { id: v2IdOf(request.params.id, 'custom-content-id'), types },
        v2IdOf(request.params.versionNumber, 'version-number'),
      );
      const view = await viewOf(request, [{ ...detail.content, version: detail.version }]);
      return presentV2DetailedVersion(detail, view);
    });
  };
}

/** Custom content stays where it was made: naming another space or container in an update is a 400. */
function requireSamePlace(existing: Content, place: ReturnType<typeof placeOf>) {
  const named = [place.pageId, place.blogPostId, place.customContentId].filter((id) => id !== undefined);
  const moved =
    (place.spaceId !== undefined && place.spaceId !== existing.spaceId) ||
    named.some((id) => id !== existing.containerId);
  if (moved) {
    throw badRequest('Custom content cannot be moved to another space or container', { field: 'spaceId' });
  }
}
