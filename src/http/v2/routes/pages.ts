import type { FastifyInstance } from 'fastify';
import type { ContentSort } from '../../../ports/content-store.ts';
import { listChildPagesByKeyset } from '../../../services/content/list-child-pages.ts';
import { updatePageTitle } from '../../../services/content/update-page-title.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { jsonObjectOf, oneOf, type V2Query, v2ViewOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf, v2SortOf } from '../path-ids.ts';
import { presentV2ChildPage, presentV2Content } from '../present/page.ts';
import { type ContentFamily, contentFamilyRoutes } from './content-family.ts';

export const pageFamily: ContentFamily = {
  type: 'page',
  path: '/pages',
  sorts: ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'],
  listStatuses: ['current', 'archived', 'deleted', 'trashed', 'draft'],
  singleStatuses: ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'],
};

export const blogPostFamily: ContentFamily = {
  type: 'blogpost',
  path: '/blogposts',
  sorts: ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date'],
  listStatuses: ['current', 'deleted', 'trashed', 'draft'],
  singleStatuses: ['current', 'trashed', 'deleted', 'historical', 'draft'],
};

export type ChildSort = ContentSort | 'child-position' | '-child-position';
export const childSorts: readonly ChildSort[] = [
  'created-date',
  '-created-date',
  'id',
  '-id',
  'child-position',
  '-child-position',
  'modified-date',
  '-modified-date',
];
// Positions are not kept yet and new children go last, so the child position order is the id order.
export const contentSortOf = (sort: ChildSort): ContentSort =>
  sort === 'child-position' ? 'id' : sort === '-child-position' ? '-id' : sort;

type IdParams = { Params: { id: string } };

/** Cloud v2 pages: the shared content handlers plus `children` and `title` (the rest of the tree: page-tree.ts). */
export function v2PageRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    await app.register(contentFamilyRoutes(deps, pageFamily));

    app.get<IdParams & { Querystring: V2Query }>('/pages/:id/children', async (request, reply) => {
      const query = request.query;
      const limit = limitOf(oneOf(query.limit));
      const sort = contentSortOf(v2SortOf(oneOf(query.sort), childSorts, 'child-position'));
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
