import type { FastifyInstance } from 'fastify';
import type { Content, ContentStatus } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { ascending } from '../../../domain/paging.ts';
import type { ContentSort } from '../../../ports/content-store.ts';
import { getVersionDetail, listVersionsByKeyset } from '../../../services/content/content-versions.ts';
import { createContent } from '../../../services/content/create-content.ts';
import { deleteContent } from '../../../services/content/delete-content.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listContentByKeyset } from '../../../services/content/list-content.ts';
import { listContentOperations } from '../../../services/content/list-content-operations.ts';
import { emptyRelations, loadUsers } from '../../../services/content/load-relations.ts';
import { redactContent } from '../../../services/content/redact-content.ts';
import { updateContent } from '../../../services/content/update-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import {
  oneOf,
  v2BodyFormatOf,
  v2BodyIdOf,
  v2IdsOf,
  v2StatusesOf,
  v2UpdateOf,
  v2VersionWindowOf,
  v2ViewOf,
} from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import { presentV2Operations } from '../present/operations.ts';
import {
  bulkBodyFormats,
  presentV2Content,
  presentV2ContentVersion,
  presentV2DetailedVersion,
  singleBodyFormats,
} from '../present/page.ts';
import { presentV2Redactions } from '../present/redaction.ts';
import { redactionInputOf } from '../redaction-input.ts';
import { VersionParams } from '../schemas/common.ts';
import {
  ContentCreateBody,
  ContentCreateQuery,
  ContentDeleteQuery,
  ContentListQuery,
  ContentQuery,
  ContentUpdateBody,
  ContentVersionsQuery,
  RedactionBody,
} from '../schemas/content.ts';
import { v2KeysetSortOf, type WireSorts } from '../sorts.ts';

/** What differs between `/pages` and `/blogposts`; everything else is one set of handlers. */
export interface ContentFamily {
  type: 'page' | 'blogpost';
  path: '/pages' | '/blogposts';
  sorts: WireSorts<ContentSort['by']>;
  /** The `status` filter of the list operations. */
  listStatuses: readonly ContentStatus[];
  /** The `status` filter of `GET /{id}`. */
  singleStatuses: readonly ContentStatus[];
}

// The spec caps `id` at 250 values and `space-id` at 100.
const maxIds = 250;
const maxSpaceIds = 100;

/**
 * `GET/POST {path}`, `GET/PUT/DELETE {path}/{id}`, `GET {path}/{id}/versions[/{n}]` and
 * `POST {path}/{id}/redact` for one content type.
 */
export function contentFamilyRoutes(deps: ServiceDeps, family: ContentFamily) {
  const types = [family.type];
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(family.path, { schema: { querystring: ContentListQuery } }, async (request, reply) => {
      const query = request.query;
      const limit = limitOf(oneOf(query.limit));
      const slice = await listContentByKeyset(
        deps,
        request.principal,
        {
          types,
          statuses: v2StatusesOf(query.status, family.listStatuses, ['current']),
          ids: v2IdsOf(query.id, 'id', maxIds),
          spaceIds: v2IdsOf(query['space-id'], 'space-id', maxSpaceIds),
          title: oneOf(query.title),
        },
        {
          sort: v2KeysetSortOf(oneOf(query.sort), family.sorts, ascending('id')),
          after: decodeCursor(oneOf(query.cursor)),
          limit,
        },
      );
      const view = await v2ViewOf(deps, request, slice.items, {
        bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), bulkBodyFormats),
      });
      return keysetPage(request, reply, slice, limit, (content) => presentV2Content(content, view));
    });

    // `embedded` and `private` ask for Cloud features we do not have; they are accepted and ignored.
    const create = { schema: { querystring: ContentCreateQuery, body: ContentCreateBody } };
    app.post(family.path, create, async (request) => {
      const { body } = request;
      const rootLevel = v2FlagOf(oneOf(request.query['root-level']), 'root-level', false);
      const parentId = family.type === 'page' ? v2BodyIdOf(body.parentId, 'parentId') : undefined;
      if (rootLevel && parentId !== undefined) {
        throw badRequest('parentId cannot be given with root-level=true', { field: 'parentId' });
      }
      const spaceId = v2BodyIdOf(body.spaceId, 'spaceId');
      if (spaceId === undefined) throw badRequest('spaceId is required', { field: 'spaceId' });
      const content = await createContent(deps, request.principal, {
        type: family.type,
        title: body.title,
        spaceId,
        parentId,
        underHomepage: !rootLevel,
        body: body.body ?? undefined,
        status: body.status,
      });
      const view = await v2ViewOf(deps, request, [content], {
        bodyFormat: storedFormatOf(content),
        root: true,
      });
      return presentV2Content(content, view);
    });

    app.get(
      `${family.path}/:id`,
      { schema: { params: IdParams, querystring: ContentQuery } },
      async (request) => {
        const query = request.query;
        const getDraft = v2FlagOf(oneOf(query['get-draft']), 'get-draft', false);
        // Unfiltered, a trashed item is still shown (with its status), as Cloud does; drafts need get-draft.
        const statuses = v2StatusesOf(query.status, family.singleStatuses, [
          'current',
          'archived',
          'trashed',
        ]);
        const versionNumber = oneOf(query.version);
        const content = await getContent(deps, request.principal, v2IdOf(request.params.id), {
          types,
          // `status=any` comes back as no filter at all.
          statuses:
            statuses.length === 0
              ? 'any'
              : [
                  ...statuses,
                  ...(getDraft ? (['draft'] as const) : []),
                  // Asking for `historical` means "an old version of current content".
                  ...(statuses.includes('historical') ? (['current'] as const) : []),
                ],
          versionNumber: versionNumber === undefined ? undefined : v2IdOf(versionNumber, 'version'),
        });
        const view = await v2ViewOf(deps, request, [content], {
          bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), singleBodyFormats),
          includeVersion: v2FlagOf(oneOf(query['include-version']), 'include-version', true),
          root: true,
        });
        return presentV2Content(content, view);
      },
    );

    app.put(
      `${family.path}/:id`,
      { schema: { params: IdParams, body: ContentUpdateBody } },
      async (request) => {
        const id = v2IdOf(request.params.id);
        const { body } = request;
        const { versionNumber, message } = v2UpdateOf(body, id);
        const content = await updateContent(deps, request.principal, id, {
          types,
          versionNumber,
          title: body.title,
          body: body.body ?? undefined,
          status: body.status,
          parentId: family.type === 'page' ? v2BodyIdOf(body.parentId, 'parentId') : undefined,
          spaceId: v2BodyIdOf(body.spaceId, 'spaceId'),
          message,
        });
        const view = await v2ViewOf(deps, request, [content], {
          bodyFormat: storedFormatOf(content),
          root: true,
        });
        return presentV2Content(content, view);
      },
    );

    const remove = { schema: { params: IdParams, querystring: ContentDeleteQuery } };
    app.delete(`${family.path}/:id`, remove, async (request, reply) => {
      await deniedAsMissing(
        deleteContent(deps, request.principal, v2IdOf(request.params.id), {
          types,
          purge: v2FlagOf(oneOf(request.query.purge), 'purge', false),
          draft: v2FlagOf(oneOf(request.query.draft), 'draft', false),
        }),
      );
      return reply.status(204).send();
    });

    app.get(`${family.path}/:id/operations`, { schema: { params: IdParams } }, async (request) =>
      presentV2Operations(
        await listContentOperations(deps, request.principal, v2IdOf(request.params.id), types),
        family.type,
      ),
    );

    const versions = { schema: { params: IdParams, querystring: ContentVersionsQuery } };
    app.get(`${family.path}/:id/versions`, versions, async (request, reply) => {
      const query = request.query;
      const window = v2VersionWindowOf(query);
      const { content, versions } = await listVersionsByKeyset(
        deps,
        request.principal,
        { id: v2IdOf(request.params.id), types },
        window,
      );
      const relations = await loadUsers(
        deps,
        versions.items.map((version) => version.authorId),
        emptyRelations(),
      );
      const view = {
        surface: request.surface,
        relations,
        bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), bulkBodyFormats),
      };
      return keysetPage(request, reply, versions, window.limit, (version) =>
        presentV2ContentVersion(content, version, view),
      );
    });

    app.get(
      `${family.path}/:id/versions/:versionNumber`,
      { schema: { params: VersionParams } },
      async (request) => {
        const detail = await getVersionDetail(
          deps,
          request.principal,
          { id: v2IdOf(request.params.id), types },
          v2IdOf(request.params.versionNumber, 'version-number'),
        );
        const relations = await loadUsers(deps, [detail.version.authorId], emptyRelations());
        return presentV2DetailedVersion(detail, { surface: request.surface, relations });
      },
    );

    // The spec answers a missing right to edit with 404 here too.
    const redact = { schema: { params: IdParams, body: RedactionBody } };
    app.post(`${family.path}/:id/redact`, redact, async (request, reply) => {
      const input = redactionInputOf(request.body);
      const result = await deniedAsMissing(
        redactContent(deps, request.principal, { id: v2IdOf(request.params.id), types }, input),
      );
      return reply.status(202).send(presentV2Redactions(result));
    });
  };
}

/** Create and update answer with the body as written, like Cloud. */
function storedFormatOf(content: Content) {
  return content.version.body?.representation === 'atlas_doc_format' ? 'atlas_doc_format' : 'storage';
}
