import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { Content } from '../../domain/content.ts';
import { ascending, type KeysetSlice, type KeysetWindow } from '../../domain/paging.ts';
import { loadCommentContext } from '../../services/comments/comment-context.ts';
import type { CommentSort } from '../../services/comments/list-footer-comments.ts';
import {
  type CommentIncludeFlags,
  loadCommentIncludes,
} from '../../services/comments/load-comment-includes.ts';
import { loadUsers } from '../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Surface } from '../common/surface.ts';
import { formatOf, listFormats, singleFormats } from './comment-input.ts';
import { oneOf } from './content-input.ts';
import { decodeCursor, keysetPage, limitOf } from './paging.ts';
import { v2FlagOf, v2OptionalIdOf } from './path-ids.ts';
import type { V2CommentOptions } from './present/footer-comment.ts';
import type { CommentListQuery, CommentQuery } from './schemas/comments.ts';
import { commentSorts, v2KeysetSortOf } from './sorts.ts';

/** What every comment list's query has (CommentListQuery; the lists on a page add their filters). */
type CommentListing = Static<typeof CommentListQuery>;

type PresentComment = (comment: Content, surface: Surface, options: V2CommentOptions) => unknown;

/** The `include-*` flags of a single comment's GET, all off unless asked for. */
function commentIncludeFlagsOf(query: Static<typeof CommentQuery>): CommentIncludeFlags {
  const flag = (name: 'properties' | 'operations' | 'likes' | 'versions') =>
    v2FlagOf(oneOf(query[`include-${name}`]), `include-${name}`, false);
  return {
    properties: flag('properties'),
    operations: flag('operations'),
    likes: flag('likes'),
    versions: flag('versions'),
  };
}

/**
 * A comment list (`body-format`, `sort`, `cursor`, `limit` as every v2 comment list takes them) and a
 * single comment, each shown by the footer or the inline presenter.
 */
export function commentResponses(deps: ServiceDeps, present: PresentComment) {
  const responses = {
    async listed(
      request: FastifyRequest & { query: CommentListing },
      reply: FastifyReply,
      list: (window: KeysetWindow<CommentSort>) => Promise<KeysetSlice<Content>>,
    ) {
      const { query } = request;
      const bodyFormat = formatOf(oneOf(query['body-format']), listFormats);
      const limit = limitOf(oneOf(query.limit));
      const slice = await list({
        sort: v2KeysetSortOf(oneOf(query.sort), commentSorts, ascending('created')),
        after: decodeCursor(oneOf(query.cursor)),
        limit,
      });
      const context = await loadCommentContext(deps, slice.items);
      return keysetPage(request, reply, slice, limit, (comment) =>
        present(comment, request.surface, { context, bodyFormat }),
      );
    },

    async single(
      request: FastifyRequest,
      comment: Content,
      bodyFormat: string | undefined,
      includeVersion = true,
      flags?: CommentIncludeFlags,
    ) {
      const context = await loadCommentContext(deps, [comment]);
      const includes = flags && (await loadCommentIncludes(deps, request.principal, comment, flags));
      if (includes) {
        await loadUsers(
          deps,
          [
            ...(includes.properties?.items.map((property) => property.authorId) ?? []),
            ...(includes.versions?.items.map((version) => version.authorId) ?? []),
          ],
          context.relations,
        );
      }
      return present(comment, request.surface, { context, bodyFormat, includeVersion, root: true, includes });
    },

    /** `GET …/{id}` of a comment: its `body-format`, `version` and `include-*` flags, then the comment `find` gives. */
    async asked(
      request: FastifyRequest & { query: Static<typeof CommentQuery> },
      find: (version: number | undefined) => Promise<Content>,
    ) {
      const { query } = request;
      const bodyFormat = formatOf(oneOf(query['body-format']), singleFormats);
      const comment = await find(v2OptionalIdOf(oneOf(query.version), 'version'));
      return responses.single(
        request,
        comment,
        bodyFormat,
        v2FlagOf(oneOf(query['include-version']), 'include-version', true),
        commentIncludeFlagsOf(query),
      );
    },
  };
  return responses;
}
