import type { FastifyInstance } from 'fastify';
import { ascending } from '../../../domain/paging.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  listSpaceContentLabels,
  listSpaceLabelsByKeyset,
} from '../../../services/labels/list-space-labels.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2IdOf } from '../path-ids.ts';
import { presentV2Label } from '../present/label.ts';
import { labelSorts, v2KeysetSortOf } from '../sorts.ts';
import { type LabelsQuery, prefixesOf } from './labels.ts';

/** v2 `GET /spaces/{id}/labels` (labels on the space) and `/spaces/{id}/content/labels` (on its content). */
export function v2SpaceLabelRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    for (const [path, list] of [
      ['/spaces/:id/labels', listSpaceLabelsByKeyset],
      ['/spaces/:id/content/labels', listSpaceContentLabels],
    ] as const) {
      app.get<{ Params: { id: string }; Querystring: LabelsQuery }>(path, async (request, reply) => {
        const { query } = request;
        const limit = limitOf(query.limit);
        const slice = await list(
          deps,
          request.principal,
          v2IdOf(request.params.id),
          prefixesOf(query.prefix),
          {
            sort: v2KeysetSortOf(query.sort, labelSorts, ascending('id')),
            after: decodeCursor(query.cursor),
            limit,
          },
        );
        return keysetPage(request, reply, slice, limit, presentV2Label);
      });
    }
  };
}
