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
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { commentBodyRefusal, commentUpdateOf, footerCommentInputOf } from '../comment-input.ts';
import { commentResponses } from '../comment-responses.ts';
import { oneOf, v2StatusesOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { v2IdOf, v2OptionalIdOf } from '../path-ids.ts';
import { presentV2FooterComment } from '../present/footer-comment.ts';
import { presentV2Operations } from '../present/operations.ts';
import {
  CommentListQuery,
  CommentQuery,
  CommentUpdateBody,
  FooterCommentCreateBody,
  FooterCommentsOfQuery,
} from '../schemas/comments.ts';

/**
 * Footer comments on Cloud v2, on pages, blog posts and attachments (the same comments v1 shows as
 * `type: comment`).
 */
export function v2FooterCommentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const { listed, single, asked } = commentResponses(deps, presentV2FooterComment);

    app.get('/footer-comments', { schema: { querystring: CommentListQuery } }, (request, reply) =>
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
      app.get(
        `/${collection}/:id/footer-comments`,
        { schema: { params: IdParams, querystring: FooterCommentsOfQuery } },
        (request, reply) => {
          const id = idOf(request.params.id);
          const statuses = v2StatusesOf(request.query.status, contentStatuses, ['current']);
          // The spec's `version` is the attachment's: comments made on that version of the file.
          const versionNumber =
            type === 'attachment' ? v2OptionalIdOf(oneOf(request.query.version), 'version') : undefined;
          return listed(request, reply, (window) =>
            listFooterCommentsOn(deps, request.principal, { id, type, versionNumber }, statuses, window),
          );
        },
      );
    }

    const children = { schema: { params: IdParams, querystring: CommentListQuery } };
    app.get('/footer-comments/:id/children', children, (request, reply) => {
      const id = v2IdOf(request.params.id);
      return listed(request, reply, (window) =>
        listFooterCommentReplies(deps, request.principal, id, window),
      );
    });

    const refused = bodyRefusedAs(commentBodyRefusal);
    const create = { schema: { body: FooterCommentCreateBody }, schemaErrorFormatter: refused };
    app.post('/footer-comments', create, async (request, reply) => {
      const comment = await createFooterComment(deps, request.principal, footerCommentInputOf(request.body));
      reply.status(201).header('location', `${request.surface.base}/api/v2/footer-comments/${comment.id}`);
      return single(request, comment, comment.version.body?.representation);
    });

    const one = { schema: { params: IdParams, querystring: CommentQuery } };
    app.get('/footer-comments/:id', one, (request) =>
      asked(request, (version) =>
        getFooterComment(deps, request.principal, v2IdOf(request.params.id), version),
      ),
    );

    app.put(
      '/footer-comments/:id',
      { schema: { params: IdParams, body: CommentUpdateBody }, schemaErrorFormatter: refused },
      async (request) => {
        const id = v2IdOf(request.params.id);
        const comment = await updateFooterComment(deps, request.principal, id, commentUpdateOf(request.body));
        return single(request, comment, comment.version.body?.representation);
      },
    );

    app.get('/footer-comments/:id/operations', { schema: { params: IdParams } }, async (request) =>
      presentV2Operations(
        await listCommentOperations(deps, request.principal, v2IdOf(request.params.id)),
        'comment',
      ),
    );

    app.delete('/footer-comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
      await deniedAsMissing(deleteFooterComment(deps, request.principal, v2IdOf(request.params.id)));
      return reply.status(204).send();
    });
  };
}
