import type { FastifyInstance } from 'fastify';
import type { ContentSort } from '../../../ports/content-store.ts';
import { listChildPagesByKeyset } from '../../../services/content/list-child-pages.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { oneOf, type V2Query } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf, v2SortOf } from '../path-ids.ts';
import { presentV2ChildPage } from '../present/page.ts';
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

/** Cloud v2 pages: the shared content handlers plus `children` (the rest of the tree: page-tree.ts). */
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
  };
}

export function v2BlogPostRoutes(deps: ServiceDeps) {
  return contentFamilyRoutes(deps, blogPostFamily);
}
