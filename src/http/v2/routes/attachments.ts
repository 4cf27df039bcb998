import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { Content, ContentStatus } from '../../../domain/content.ts';
import { ascending, type KeysetSlice, type KeysetWindow } from '../../../domain/paging.ts';
import { loadAttachmentContext } from '../../../services/attachments/attachment-context.ts';
import { findAttachmentVersion, requireThumbnail } from '../../../services/attachments/find-attachment.ts';
import { getAttachment } from '../../../services/attachments/get-attachment.ts';
import { listAttachmentOperations } from '../../../services/attachments/list-attachment-operations.ts';
import {
  type AttachmentQuery,
  type AttachmentSort,
  listAttachments,
  listContainerAttachments,
} from '../../../services/attachments/list-attachments.ts';
import { loadAttachmentIncludes } from '../../../services/attachments/load-attachment-includes.ts';
import { deleteContent } from '../../../services/content/delete-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listLabelledContent } from '../../../services/labels/list-labelled-content.ts';
import { thumbnailPathOf } from '../../common/attachment-links.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, v2StatusesOf } from '../content-input.ts';
import { deniedAsMissing } from '../errors.ts';
import { decodeCursor, keysetPage, type LimitRules, limitOf, v2ListRules } from '../paging.ts';
import { v2FlagOf, v2IdOf, v2OptionalIdOf } from '../path-ids.ts';
import {
  presentV2Attachment,
  presentV2AttachmentOperations,
  presentV2AttachmentSingle,
} from '../present/attachment.ts';
import {
  AttachmentListQuery,
  LabelledAttachmentListQuery,
  SingleAttachmentQuery,
  ThumbnailQuery,
} from '../schemas/attachments.ts';
import { PurgeQuery } from '../schemas/common.ts';
import { attachmentSorts, v2KeysetSortOf } from '../sorts.ts';

type ListQuery = Static<typeof AttachmentListQuery>;

// The `status` filter of the attachment lists: these three, current and archived unless asked (§0.4).
const listStatuses: readonly ContentStatus[] = ['current', 'archived', 'trashed'];
const defaultStatuses: readonly ContentStatus[] = ['current', 'archived'];
// Attachment lists default to 50 (the v2 spec), except by label, which keeps v2's usual 25.
const attachmentListRules: LimitRules = { defaultLimit: 50, maxLimit: 250 };

/** `sort`, `cursor` and `limit`, as every attachment list reads them. */
function windowOf(
  query: Static<typeof LabelledAttachmentListQuery>,
  rules: LimitRules,
): KeysetWindow<AttachmentSort> {
  return {
    sort: v2KeysetSortOf(oneOf(query.sort), attachmentSorts, ascending('id')),
    after: decodeCursor(oneOf(query.cursor)),
    limit: limitOf(oneOf(query.limit), rules),
  };
}

function attachmentQueryOf(query: ListQuery): AttachmentQuery {
  return {
    statuses: v2StatusesOf(query.status, listStatuses, defaultStatuses),
    mediaType: oneOf(query.mediaType),
    filename: oneOf(query.filename),
  };
}

/**
 * Cloud v2 attachments: the lists (all, by page or blog post, by label), one attachment with its
 * `include-*` collections, its operations, and delete (trash, then purge). Uploads stay on v1, as on
 * Cloud (api-reference.md §2); versions are in attachment-versions.ts, labels, properties and footer
 * comments beside those of pages.
 */
export function v2AttachmentRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const listed = async (
      request: FastifyRequest,
      reply: FastifyReply,
      window: KeysetWindow<AttachmentSort>,
      slice: KeysetSlice<Content>,
    ) => {
      const context = await loadAttachmentContext(deps, slice.items);
      return keysetPage(request, reply, slice, window.limit, (attachment) =>
        presentV2Attachment(attachment, { surface: request.surface, context }),
      );
    };

    app.get('/attachments', { schema: { querystring: AttachmentListQuery } }, async (request, reply) => {
      const window = windowOf(request.query, attachmentListRules);
      const query = attachmentQueryOf(request.query);
      return listed(request, reply, window, await listAttachments(deps, request.principal, query, window));
    });

    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
      ['custom-content', 'custom'],
    ] as const) {
      app.get(
        `/${collection}/:id/attachments`,
        { schema: { params: IdParams, querystring: AttachmentListQuery } },
        async (request, reply) => {
          const container = { id: v2IdOf(request.params.id), type };
          const window = windowOf(request.query, attachmentListRules);
          const query = attachmentQueryOf(request.query);
          const slice = await listContainerAttachments(deps, request.principal, container, query, window);
          return listed(request, reply, window, slice);
        },
      );
    }

    const byLabel = { schema: { params: IdParams, querystring: LabelledAttachmentListQuery } };
    app.get('/labels/:id/attachments', byLabel, async (request, reply) => {
      const labelId = v2IdOf(request.params.id);
      const window = windowOf(request.query, v2ListRules);
      const slice = await listLabelledContent(
        deps,
        request.principal,
        labelId,
        { type: 'attachment', statuses: defaultStatuses },
        window,
      );
      return listed(request, reply, window, slice);
    });

    app.get(
      '/attachments/:id',
      { schema: { params: IdParams, querystring: SingleAttachmentQuery } },
      async (request) => {
        const { query } = request;
        const attachment = await getAttachment(
          deps,
          request.principal,
          parseContentId(request.params.id),
          v2OptionalIdOf(oneOf(query.version), 'version'),
        );
        const flag = (name: keyof typeof query, fallback = false) =>
          v2FlagOf(oneOf(query[name]), name, fallback);
        const includes = await loadAttachmentIncludes(deps, request.principal, attachment, {
          labels: flag('include-labels'),
          properties: flag('include-properties'),
          operations: flag('include-operations'),
          versions: flag('include-versions'),
          collaborators: flag('include-collaborators'),
        });
        const context = await loadAttachmentContext(
          deps,
          [attachment],
          [
            ...(includes.properties?.items.map((property) => property.authorId) ?? []),
            ...(includes.versions?.items.map((item) => item.authorId) ?? []),
            ...(includes.collaborators?.userIds ?? []),
          ],
        );
        return presentV2AttachmentSingle(attachment, includes, {
          surface: request.surface,
          context,
          includeVersion: flag('include-version', true),
        });
      },
    );

    // Current goes to the trash; a trashed one is purged with `purge=true` (its bytes freed when nothing
    // else uses them) and is otherwise a 404, as the spec asks for two calls to purge.
    const remove = { schema: { params: IdParams, querystring: PurgeQuery } };
    app.delete('/attachments/:id', remove, async (request, reply) => {
      const purge = v2FlagOf(oneOf(request.query.purge), 'purge', false);
      await deniedAsMissing(
        deleteContent(deps, request.principal, parseContentId(request.params.id), {
          purge,
          types: ['attachment'],
        }),
      );
      return reply.status(204).send();
    });

    // Tributary keeps no scaled copies: the thumbnail is the image itself, so `width` and `height` are
    // checked but change nothing.
    app.get(
      '/attachments/:id/thumbnail/download',
      { schema: { params: IdParams, querystring: ThumbnailQuery } },
      async (request, reply) => {
        const { query } = request;
        const number = (name: keyof typeof query) => v2OptionalIdOf(oneOf(query[name]), name);
        number('width');
        number('height');
        const { attachment, version } = requireThumbnail(
          await findAttachmentVersion(deps, request.principal, parseContentId(request.params.id), {
            versionNumber: number('version'),
          }),
        );
        // Relative, so the client stays on the origin it asked and keeps its credentials (clients.md).
        return reply.redirect(`${request.surface.context}${thumbnailPathOf(attachment, version)}`, 302);
      },
    );

    app.get('/attachments/:id/operations', { schema: { params: IdParams } }, async (request) =>
      presentV2AttachmentOperations(
        await listAttachmentOperations(deps, request.principal, parseContentId(request.params.id)),
      ),
    );
  };
}
