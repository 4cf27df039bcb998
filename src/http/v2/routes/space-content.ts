import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { ascending } from '../../../domain/paging.ts';
import { listSpaceContentByKeyset } from '../../../services/content/list-space-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, v2BodyFormatOf, v2StatusesOf, v2ViewOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { bulkBodyFormats, presentV2Content } from '../present/page.ts';
import { SpaceContentQuery } from '../schemas/page-tree.ts';
import { v2KeysetSortOf } from '../sorts.ts';
import { blogPostFamily, pageFamily } from './pages.ts';

function depthOf(raw: string | undefined): 'all' | 'root' {
  if (raw === undefined || raw === '' || raw === 'all') return 'all';
  if (raw === 'root') return 'root';
  throw badRequest(`depth must be all or root, not '${raw}'`, { field: 'depth' });
}

/** `GET /spaces/{id}/pages` and `/spaces/{id}/blogposts`: one space's content by cursor. */
export function v2SpaceContentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const family of [pageFamily, blogPostFamily]) {
      app.get(
        `/spaces/:id${family.path}`,
        { schema: { params: IdParams, querystring: SpaceContentQuery } },
        async (request, reply) => {
          const query = request.query;
          const limit = limitOf(oneOf(query.limit));
          const slice = await listSpaceContentByKeyset(
            deps,
            request.principal,
            {
              spaceId: v2IdOf(request.params.id),
              type: family.type,
              statuses: v2StatusesOf(query.status, family.listStatuses, ['current']),
              title: oneOf(query.title),
              rootOnly: family.type === 'page' && depthOf(oneOf(query.depth)) === 'root',
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
        },
      );
    }
  };
}
