import type { FastifyInstance } from 'fastify';
import { contentStatuses } from '../../../domain/content.ts';
import { createFooterComment } from '../../../services/comments/create-footer-comment.ts';
import { deleteFooterComment } from '../../../services/comments/delete-footer-comment.ts';
import { getFooterComment } from '../../../services/comments/get-footer-comment.ts';
import { listCommentOperations } from '../../../services/comments/list-comment-operations.ts';
import {
  listAllFooterComments,
  listFooterCommentReplies,
  listFooterCommentsOn,
} from '../../../services/comments/list-footer-comments.ts';
import { updateFooterComment } from '../../../services/comments/update-footer-comment.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { formatOf, optionalIdOf, singleFormats } from '../comment-input.ts';
import { commentIncludeFlagsOf, commentResponses } from '../comment-responses.ts';
import { jsonObjectOf, v2StatusesOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { v2FlagOf, v2IdOf } from '../path-ids.ts';
import { presentV2FooterComment } from '../present/footer-comment.ts';
import { presentV2Operations } from '../present/operations.ts';

type ListQuery = {
  'body-format'?: string;
  sort?: string;
  cursor?: string;
  limit?: string;
  status?: string | string[];
};
type SingleQuery = { 'body-format'?: string; version?: string; 'include-version'?: string };
type IdParams = { Params: { id: string } };

/**
 * Footer comments on Cloud v2, on pages, blog posts and attachments (the same comments v1 shows as
 * `type: comment`).
 */
export function v2FooterCommentRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const { listed, single } = commentResponses(deps, presentV2FooterComment);

    app.get<{ Querystring: ListQuery }>('/footer-comments', (request, reply) =>
      listed(request, reply, (window) => listAllFooterComments(deps, request.principal, window)),
    );

    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
      ['attachments', 'attachment'],
      ['custom-content', 'custom'],
    ] as const) {
      // Attachment paths take `att123` as well as `123` (api-reference.md §0.4).
      const idOf = type === 'attachment' ? parseContentId : v2IdOf;
      app.get<IdParams & { Querystring: ListQuery & { version?: string } }>(
        `/${collection}/:id/footer-comments`,
        (request, reply) => {
          const id = idOf(request.params.id);
          const statuses = v2StatusesOf(request.query.status, contentStatuses, ['current']);
          // The spec's `version` is the attachment's: comments made on that version of the file.
          const { version } = request.query;
          const versionNumber =
            type === 'attachment' && version !== undefined && version !== ''
              ? v2IdOf(version, 'version')
              : undefined;
          return listed(request, reply, (window) =>
            listFooterCommentsOn(deps, request.principal, { id, type, versionNumber }, statuses, window),
          );
        },
      );
    }

    app.get<IdParams & { Querystring: ListQuery }>('/footer-comments/:id/children', (request, reply) => {
      const id = v2IdOf(request.params.id);
      return listed(request, reply, (window) =>
        listFooterCommentReplies(deps, request.principal, id, window),
      );
    });

    app.post<{ Body: unknown }>('/footer-comments', async (request, reply) => {
      const body = jsonObjectOf(request.body);
      const comment = await createFooterComment(deps, request.principal, {
        pageId: optionalIdOf(body, 'pageId'),
        blogPostId: optionalIdOf(body, 'blogPostId'),
        attachmentId: optionalIdOf(body, 'attachmentId', parseContentId),
        parentCommentId: optionalIdOf(body, 'parentCommentId'),
        customContentId: optionalIdOf(body, 'customContentId'),
        body: body.body,
      });
      reply.status(201).header('location', `${request.surface.base}/api/v2/footer-comments/${comment.id}`);
      return single(request, comment, comment.version.body?.representation);
    });

    app.get<IdParams & { Querystring: SingleQuery }>('/footer-comments/:id', async (request) => {
      const { query } = request;
      const bodyFormat = formatOf(query['body-format'], singleFormats);
      const version =
        query.version === undefined || query.version === '' ? undefined : v2IdOf(query.version, 'version');
      const comment = await getFooterComment(deps, request.principal, v2IdOf(request.params.id), version);
      return single(
        request,
        comment,
        bodyFormat,
        v2FlagOf(query['include-version'], 'include-version', true),
        commentIncludeFlagsOf(query),
      );
    });

    app.put<IdParams & { Body: unknown }>('/footer-comments/:id', async (request) => {
      const body = jsonObjectOf(request.body);
      const version = body.version === undefined ? {} : jsonObjectOf(body.version);
      const comment = await updateFooterComment(deps, request.principal, v2IdOf(request.params.id), {
        versionNumber: version.number,
        message: version.message,
        body: body.body,
      });
      return single(request, comment, comment.version.body?.representation);
    });

    app.get<IdParams>('/footer-comments/:id/operations', async (request) =>
      presentV2Operations(
        await listCommentOperations(deps, request.principal, v2IdOf(request.params.id)),
        'comment',
      ),
    );

    app.delete<IdParams>('/footer-comments/:id', async (request, reply) => {
      await deniedAsMissing(deleteFooterComment(deps, request.principal, v2IdOf(request.params.id)));
      return reply.status(204).send();
    });
  };
}
