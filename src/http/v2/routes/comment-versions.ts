import type { FastifyInstance } from 'fastify';
import type { CommentLocation } from '../../../domain/content.ts';
import { descending } from '../../../domain/paging.ts';
import { loadCommentContext } from '../../../services/comments/comment-context.ts';
import { getCommentVersion, listCommentVersions } from '../../../services/comments/comment-versions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { formatOf, listFormats } from '../comment-input.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2CommentVersion } from '../present/footer-comment.ts';
import { presentV2DetailedVersion } from '../present/page.ts';
import { CommentVersionListQuery } from '../schemas/comments.ts';
import { VersionParams } from '../schemas/common.ts';
import { v2KeysetSortOf, versionSorts } from '../sorts.ts';

/** Cloud v2 `GET /footer-comments/{id}/versions`, `/inline-comments/{id}/versions` and one version of each. */
export function v2CommentVersionRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [collection, location] of [
      ['footer-comments', 'footer'],
      ['inline-comments', 'inline'],
    ] as const satisfies readonly (readonly [string, CommentLocation])[]) {
      const versions = { schema: { params: IdParams, querystring: CommentVersionListQuery } };
      app.get(`/${collection}/:id/versions`, versions, async (request, reply) => {
        const { query } = request;
        const bodyFormat = formatOf(oneOf(query['body-format']), listFormats);
        const limit = limitOf(oneOf(query.limit));
        // Newest first unless asked otherwise, as Confluence lists history.
        const sort = v2KeysetSortOf(oneOf(query.sort), versionSorts, descending('modified'));
        const { comment, versions } = await listCommentVersions(
          deps,
          request.principal,
          v2IdOf(request.params.id),
          location,
          { sort, after: decodeCursor(oneOf(query.cursor)), limit },
        );
        // Each version shown with its own author.
        const context = await loadCommentContext(
          deps,
          versions.items.map((version) => ({ ...comment, version })),
        );
        return keysetPage(request, reply, versions, limit, (version) =>
          presentV2CommentVersion(comment, version, request.surface, {
            context,
            bodyFormat,
          }),
        );
      });

      const version = { schema: { params: VersionParams } };
      app.get(`/${collection}/:id/versions/:versionNumber`, version, async (request) => {
        const detail = await getCommentVersion(
          deps,
          request.principal,
          v2IdOf(request.params.id),
          location,
          v2IdOf(request.params.versionNumber, 'version-number'),
        );
        const { relations } = await loadCommentContext(deps, [
          { ...detail.content, version: detail.version },
        ]);
        return presentV2DetailedVersion(detail, { surface: request.surface, relations });
      });
    }
  };
}
