import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  listSpaceContentLabels,
  listSpaceLabelsByKeyset,
} from '../../../services/labels/list-space-labels.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2Label } from '../present/label.ts';
import { LabelsOfQuery } from '../schemas/labels.ts';
import { labelSorts, v2KeysetSortOf } from '../sorts.ts';
import { prefixesOf } from './labels.ts';

/** v2 `GET /spaces/{id}/labels` (labels on the space) and `/spaces/{id}/content/labels` (on its content). */
export function v2SpaceLabelRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [path, list] of [
      ['/spaces/:id/labels', listSpaceLabelsByKeyset],
      ['/spaces/:id/content/labels', listSpaceContentLabels],
    ] as const) {
      const labelsOf = { schema: { params: IdParams, querystring: LabelsOfQuery } };
      app.get(path, labelsOf, async (request, reply) => {
        const { query } = request;
        const limit = limitOf(oneOf(query.limit));
        const slice = await list(
          deps,
          request.principal,
          v2IdOf(request.params.id),
          prefixesOf(query.prefix),
          {
            sort: v2KeysetSortOf(oneOf(query.sort), labelSorts, ascending('id')),
            after: decodeCursor(oneOf(query.cursor)),
            limit,
          },
        );
        return keysetPage(request, reply, slice, limit, presentV2Label);
      });
    }
  };
}
