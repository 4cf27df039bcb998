import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import { listChildPagesByKeyset } from '../../../services/content/list-child-pages.ts';
import { updatePageTitle } from '../../../services/content/update-page-title.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, v2ViewOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2ChildPage, presentV2Content } from '../present/page.ts';
import { ChildrenQuery, PageTitleBody } from '../schemas/page-tree.ts';
import { blogPostSorts, childSorts, pageSorts, v2KeysetSortOf } from '../sorts.ts';
import { type ContentFamily, contentFamilyRoutes } from './content-family.ts';

export const pageFamily: ContentFamily = {
  type: 'page',
  path: '/pages',
  sorts: pageSorts,
  listStatuses: ['current', 'archived', 'deleted', 'trashed', 'draft'],
  singleStatuses: ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'],
};

export const blogPostFamily: ContentFamily = {
  type: 'blogpost',
  path: '/blogposts',
  sorts: blogPostSorts,
  listStatuses: ['current', 'deleted', 'trashed', 'draft'],
  singleStatuses: ['current', 'trashed', 'deleted', 'historical', 'draft'],
};

/** Cloud v2 pages: the shared content handlers plus `children` and `title` (the rest of the tree: page-tree.ts). */
export function v2PageRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    await app.register(contentFamilyRoutes(deps, pageFamily));

    const children = { schema: { params: IdParams, querystring: ChildrenQuery } };
    app.get('/pages/:id/children', children, async (request, reply) => {
      const query = request.query;
      const limit = limitOf(oneOf(query.limit));
      const sort = v2KeysetSortOf(oneOf(query.sort), childSorts, ascending('id'));
      const slice = await listChildPagesByKeyset(deps, request.principal, v2IdOf(request.params.id), {
        sort,
        after: decodeCursor(oneOf(query.cursor)),
        limit,
      });
      return keysetPage(request, reply, slice, limit, presentV2ChildPage);
    });

    app.put('/pages/:id/title', { schema: { params: IdParams, body: PageTitleBody } }, async (request) => {
      const { body } = request;
      // The spec answers a missing right to edit with 404, as v2 deletes do.
      const page = await deniedAsMissing(
        updatePageTitle(deps, request.principal, v2IdOf(request.params.id), {
          title: body.title ?? undefined,
          status: body.status,
        }),
      );
      const view = await v2ViewOf(deps, request, [page], { root: true });
      return presentV2Content(page, view);
    });
  };
}

export function v2BlogPostRoutes(deps: ServiceDeps) {
  return contentFamilyRoutes(deps, blogPostFamily);
}
