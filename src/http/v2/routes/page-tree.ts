import type { FastifyInstance } from 'fastify';
import type { ContentType } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { ascending } from '../../../domain/paging.ts';
import { listAncestors } from '../../../services/content/list-ancestors.ts';
import { listDirectChildren } from '../../../services/content/list-direct-children.ts';
import { listTreeDescendants } from '../../../services/content/list-tree-descendants.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf, wholeListPage } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2Ancestor } from '../present/page.ts';
import { presentV2Descendant, presentV2DirectChild } from '../present/tree-content.ts';
import { AncestorsQuery, ChildrenQuery, DescendantsQuery } from '../schemas/page-tree.ts';
import { directChildSorts, v2KeysetSortOf } from '../sorts.ts';

/** The collections whose items stand in a space's page tree, and the type each holds. */
export const pageTreeCollections = [
  ['pages', 'page'],
  ['folders', 'folder'],
  ['whiteboards', 'whiteboard'],
  ['databases', 'database'],
  ['embeds', 'embed'],
] as const satisfies readonly (readonly [string, ContentType])[];

/** `depth`: 1 to 10 levels, 2 unless asked (the spec's bounds for every `descendants`). */
function depthOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 2;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10) {
    throw badRequest(`depth must be a whole number from 1 to 10, not '${raw}'`, { field: 'depth' });
  }
  return Number(raw);
}

/**
 * The page tree on Cloud v2, for pages, folders, whiteboards, databases and Smart Links alike:
 * `ancestors`, `direct-children` (every tree type, unlike `/pages/{id}/children`) and `descendants`.
 */
export function v2PageTreeRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [collection, type] of pageTreeCollections) {
      // The nearest `limit` ancestors, root-most first; a client wanting more asks again for the first one
      // (the spec's description of this operation), so there is no cursor.
      const ancestors = { schema: { params: IdParams, querystring: AncestorsQuery } };
      app.get(`/${collection}/:id/ancestors`, ancestors, async (request, reply) => {
        const limit = limitOf(oneOf(request.query.limit));
        const ancestors = await listAncestors(deps, request.principal, {
          id: v2IdOf(request.params.id),
          type,
        });
        return wholeListPage(request, reply, ancestors.slice(-limit), presentV2Ancestor);
      });

      app.get(
        `/${collection}/:id/direct-children`,
        { schema: { params: IdParams, querystring: ChildrenQuery } },
        async (request, reply) => {
          const query = request.query;
          const limit = limitOf(oneOf(query.limit));
          const slice = await listDirectChildren(
            deps,
            request.principal,
            { id: v2IdOf(request.params.id), type },
            {
              sort: v2KeysetSortOf(oneOf(query.sort), directChildSorts, ascending('id')),
              after: decodeCursor(oneOf(query.cursor)),
              limit,
            },
          );
          return keysetPage(request, reply, slice, limit, presentV2DirectChild);
        },
      );

      app.get(
        `/${collection}/:id/descendants`,
        { schema: { params: IdParams, querystring: DescendantsQuery } },
        async (request, reply) => {
          const query = request.query;
          const limit = limitOf(oneOf(query.limit));
          const slice = await listTreeDescendants(
            deps,
            request.principal,
            { id: v2IdOf(request.params.id), type, depth: depthOf(oneOf(query.depth)) },
            { sort: 'depth', after: decodeCursor(oneOf(query.cursor)), limit },
          );
          return keysetPage(request, reply, slice, limit, presentV2Descendant);
        },
      );
    }
  };
}
