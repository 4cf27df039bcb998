import type { FastifyInstance } from 'fastify';
import type { CommentLocation } from '../../../domain/content.ts';
import { descending } from '../../../domain/paging.ts';
import { loadCommentContext } from '../../../services/comments/comment-context.ts';
import { getCommentVersion, listCommentVersions } from '../../../services/comments/comment-versions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { formatOf, listFormats } from '../comment-input.ts';
import { oneOf, type V2Query } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2CommentVersion } from '../present/footer-comment.ts';
import { presentV2DetailedVersion } from '../present/page.ts';
import { v2KeysetSortOf, versionSorts } from '../sorts.ts';

type IdParams = { Params: { id: string } };
type VersionParams = { Params: { id: string; versionNumber: string } };

/** Cloud v2 `GET /footer-comments/{id}/versions`, `/inline-comments/{id}/versions` and one version of each. */
export function v2CommentVersionRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    for (const [collection, location] of [
      ['footer-comments', 'footer'],
      ['inline-comments', 'inline'],
    ] as const satisfies readonly (readonly [string, CommentLocation])[]) {
      app.get<IdParams & { Querystring: V2Query }>(`/${collection}/:id/versions`, async (request, reply) => {
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

      app.get<VersionParams>(`/${collection}/:id/versions/:versionNumber`, async (request) => {
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
