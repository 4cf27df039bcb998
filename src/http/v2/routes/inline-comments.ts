import type { FastifyInstance } from 'fastify';
import { contentStatuses } from '../../../domain/content.ts';
import { badRequest } from '../../../domain/errors.ts';
import { type ResolutionStatus, resolutionStatuses } from '../../../domain/inline-comment.ts';
import { createInlineComment } from '../../../services/comments/create-inline-comment.ts';
import { deleteInlineComment } from '../../../services/comments/delete-inline-comment.ts';
import { getFooterComment } from '../../../services/comments/get-footer-comment.ts';
import { listCommentOperations } from '../../../services/comments/list-comment-operations.ts';
import {
  listAllInlineComments,
  listInlineCommentReplies,
  listInlineCommentsOn,
} from '../../../services/comments/list-inline-comments.ts';
import { updateInlineComment } from '../../../services/comments/update-inline-comment.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { commentBodyRefusal, commentUpdateOf, inlineCommentInputOf } from '../comment-input.ts';
import { commentResponses } from '../comment-responses.ts';
import { v2StatusesOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { v2IdOf, v2ListOf } from '../path-ids.ts';
import { presentV2InlineComment } from '../present/footer-comment.ts';
import { presentV2Operations } from '../present/operations.ts';
import {
  CommentListQuery,
  CommentQuery,
  CommentUpdateBody,
  InlineCommentCreateBody,
  InlineCommentsOfQuery,
} from '../schemas/comments.ts';

function resolutionStatusesOf(raw: string | string[] | undefined): ResolutionStatus[] {
  return v2ListOf(raw).map((value) => {
    const status = resolutionStatuses.find((candidate) => candidate === value);
    if (!status) {
      throw badRequest(`resolution-status must be one of ${resolutionStatuses.join(', ')}, not '${value}'`, {
        field: 'resolution-status',
      });
    }
    return status;
  });
}

/**
 * Inline comments on Cloud v2: comments anchored to a selection in a page or blog post body (v1 shows
 * them as `type: comment` with `extensions.location: inline`).
 */
export function v2InlineCommentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const { listed, single, asked } = commentResponses(deps, presentV2InlineComment);

    app.get('/inline-comments', { schema: { querystring: CommentListQuery } }, (request, reply) =>
      listed(request, reply, (window) => listAllInlineComments(deps, request.principal, window)),
    );

    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
    ] as const) {
      const listOn = { schema: { params: IdParams, querystring: InlineCommentsOfQuery } };
      app.get(`/${collection}/:id/inline-comments`, listOn, (request, reply) => {
        const id = v2IdOf(request.params.id);
        const filter = {
          statuses: v2StatusesOf(request.query.status, contentStatuses, ['current']),
          resolutionStatuses: resolutionStatusesOf(request.query['resolution-status']),
        };
        return listed(request, reply, (window) =>
          listInlineCommentsOn(deps, request.principal, { id, type }, filter, window),
        );
      });
    }

    const children = { schema: { params: IdParams, querystring: CommentListQuery } };
    app.get('/inline-comments/:id/children', children, (request, reply) => {
      const id = v2IdOf(request.params.id);
      return listed(request, reply, (window) =>
        listInlineCommentReplies(deps, request.principal, id, window),
      );
    });

    const refused = bodyRefusedAs(commentBodyRefusal);
    const create = { schema: { body: InlineCommentCreateBody }, schemaErrorFormatter: refused };
    app.post('/inline-comments', create, async (request, reply) => {
      const comment = await createInlineComment(deps, request.principal, inlineCommentInputOf(request.body));
      reply.status(201).header('location', `${request.surface.base}/api/v2/inline-comments/${comment.id}`);
      return single(request, comment, comment.version.body?.representation);
    });

    app.get('/inline-comments/:id', { schema: { params: IdParams, querystring: CommentQuery } }, (request) =>
      asked(request, (version) =>
        getFooterComment(deps, request.principal, v2IdOf(request.params.id, 'comment-id'), version, 'inline'),
      ),
    );

    app.put(
      '/inline-comments/:id',
      { schema: { params: IdParams, body: CommentUpdateBody }, schemaErrorFormatter: refused },
      async (request) => {
        const id = v2IdOf(request.params.id, 'comment-id');
        const comment = await updateInlineComment(deps, request.principal, id, commentUpdateOf(request.body));
        return single(request, comment, comment.version.body?.representation);
      },
    );

    app.get('/inline-comments/:id/operations', { schema: { params: IdParams } }, async (request) =>
      presentV2Operations(
        await listCommentOperations(deps, request.principal, v2IdOf(request.params.id), 'inline'),
        'comment',
      ),
    );

    app.delete('/inline-comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
      const id = v2IdOf(request.params.id, 'comment-id');
      await deniedAsMissing(deleteInlineComment(deps, request.principal, id));
      return reply.status(204).send();
    });
  };
}
