import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import { listChildPagesByKeyset } from '../../../services/content/list-child-pages.ts';
import { updatePageTitle } from '../../../services/content/update-page-title.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { jsonObjectOf, oneOf, type V2Query, v2ViewOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2ChildPage, presentV2Content } from '../present/page.ts';
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

type IdParams = { Params: { id: string } };

/** Cloud v2 pages: the shared content handlers plus `children` and `title` (the rest of the tree: page-tree.ts). */
export function v2PageRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    await app.register(contentFamilyRoutes(deps, pageFamily));

    app.get<IdParams & { Querystring: V2Query }>('/pages/:id/children', async (request, reply) => {
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

    app.put<IdParams & { Body: unknown }>('/pages/:id/title', async (request) => {
      const body = jsonObjectOf(request.body);
      // The spec answers a missing right to edit with 404, as v2 deletes do.
      const page = await deniedAsMissing(
        updatePageTitle(deps, request.principal, v2IdOf(request.params.id), {
          title: body.title,
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
