import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { LikeTarget } from '../../../services/likes/likeable-content.ts';
import { countLikes, listLikers } from '../../../services/likes/list-likes.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { LikeListQuery } from '../schemas/likes.ts';

const collections: readonly (readonly [string, LikeTarget['kind']])[] = [
  ['pages', 'page'],
  ['blogposts', 'blogpost'],
  ['footer-comments', 'footer-comment'],
  ['inline-comments', 'inline-comment'],
];

/**
 * Cloud v2 likes of pages, blog posts and comments: how many, and who (`Like` is an account id). Likes
 * are added by the likeContent service; the specs have no operation for it.
 */
export function v2LikeRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [collection, kind] of collections) {
      app.get(`/${collection}/:id/likes/count`, { schema: { params: IdParams } }, async (request) => ({
        count: await countLikes(deps, request.principal, { id: v2IdOf(request.params.id), kind }),
      }));

      app.get(
        `/${collection}/:id/likes/users`,
        { schema: { params: IdParams, querystring: LikeListQuery } },
        async (request, reply) => {
          const { query } = request;
          // This list's `limit` starts at 0 (the spec): no users, and no next link.
          const raw = oneOf(query.limit);
          const limit = raw === '0' ? 0 : limitOf(raw);
          const slice = await listLikers(
            deps,
            request.principal,
            { id: v2IdOf(request.params.id), kind },
            { sort: ascending('created'), after: decodeCursor(oneOf(query.cursor)), limit },
          );
          return keysetPage(request, reply, slice, limit, (user) => ({ accountId: user.accountId }));
        },
      );
    }
  };
}
