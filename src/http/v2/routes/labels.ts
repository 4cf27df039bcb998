import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { ascending } from '../../../domain/paging.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { listContentLabelsByKeyset } from '../../../services/labels/list-content-labels.ts';
import { listLabelledContent } from '../../../services/labels/list-labelled-content.ts';
import { listLabels } from '../../../services/labels/list-labels.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, v2BodyFormatOf, v2IdsOf, v2ViewOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf, v2ListOf } from '../path-ids.ts';
import { presentV2Label } from '../present/label.ts';
import { presentV2Content } from '../present/page.ts';
import { LabelListQuery, LabelledContentQuery, LabelsOfQuery } from '../schemas/labels.ts';
import { labelSorts, v2KeysetSortOf } from '../sorts.ts';
import { blogPostFamily, pageFamily } from './pages.ts';

// v2 may filter on `system` labels too; Tributary stores none, so that filter simply matches nothing.
const prefixes = ['global', 'my', 'team', 'system'];
// `PrimaryBodyRepresentation`: the label lists take these two only.
const primaryBodyFormats = ['storage', 'atlas_doc_format'] as const;
// The spec caps `space-id` at 100 values.
const maxSpaceIds = 100;

export function prefixesOf(raw: string | string[] | undefined): string[] {
  const values = v2ListOf(raw);
  for (const value of values) {
    if (!prefixes.includes(value)) {
      throw badRequest(`prefix must be one of ${prefixes.join(', ')}, not '${value}'`, { field: 'prefix' });
    }
  }
  return values;
}

/**
 * Labels on Cloud v2: read-only (labels are written through v1), for pages, blog posts, attachments and
 * the site; and the pages and blog posts carrying a label (its attachments are with the attachment lists).
 */
export function v2LabelRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/labels', { schema: { querystring: LabelListQuery } }, async (request, reply) => {
      const { query } = request;
      const limit = limitOf(oneOf(query.limit));
      const slice = await listLabels(
        deps,
        request.principal,
        {
          ids: v2ListOf(query['label-id']).map((id) => v2IdOf(id, 'label-id')),
          prefixes: prefixesOf(query.prefix),
        },
        {
          sort: v2KeysetSortOf(oneOf(query.sort), labelSorts, ascending('id')),
          after: decodeCursor(oneOf(query.cursor)),
          limit,
        },
      );
      return keysetPage(request, reply, slice, limit, presentV2Label);
    });

    for (const family of [pageFamily, blogPostFamily]) {
      app.get(
        `/labels/:id${family.path}`,
        { schema: { params: IdParams, querystring: LabelledContentQuery } },
        async (request, reply) => {
          const { query } = request;
          const limit = limitOf(oneOf(query.limit));
          const slice = await listLabelledContent(
            deps,
            request.principal,
            v2IdOf(request.params.id),
            {
              type: family.type,
              statuses: ['current'],
              spaceIds: v2IdsOf(query['space-id'], 'space-id', maxSpaceIds),
            },
            {
              sort: v2KeysetSortOf(oneOf(query.sort), family.sorts, ascending('id')),
              after: decodeCursor(oneOf(query.cursor)),
              limit,
            },
          );
          const view = await v2ViewOf(deps, request, slice.items, {
            bodyFormat: v2BodyFormatOf(oneOf(query['body-format']), primaryBodyFormats),
          });
          return keysetPage(request, reply, slice, limit, (content) => presentV2Content(content, view));
        },
      );
    }

    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
      ['attachments', 'attachment'],
      ['custom-content', 'custom'],
    ] as const) {
      // Attachment paths take `att123` as well as `123` (api-reference.md §0.4).
      const idOf = type === 'attachment' ? parseContentId : v2IdOf;
      app.get(
        `/${collection}/:id/labels`,
        { schema: { params: IdParams, querystring: LabelsOfQuery } },
        async (request, reply) => {
          const { query } = request;
          if (Array.isArray(query.prefix))
            throw badRequest('prefix takes one value here', { field: 'prefix' });
          const limit = limitOf(oneOf(query.limit));
          const slice = await listContentLabelsByKeyset(
            deps,
            request.principal,
            { id: idOf(request.params.id), types: [type] },
            { prefix: prefixesOf(query.prefix)[0] },
            {
              sort: v2KeysetSortOf(oneOf(query.sort), labelSorts, ascending('id')),
              after: decodeCursor(oneOf(query.cursor)),
              limit,
            },
          );
          return keysetPage(request, reply, slice, limit, presentV2Label);
        },
      );
    }
  };
}
