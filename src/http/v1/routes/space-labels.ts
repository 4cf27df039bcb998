import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { checkLabel } from '../../../domain/label.ts';
import type { LabelUsageOrder } from '../../../ports/label-store.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addSpaceLabels } from '../../../services/labels/add-space-labels.ts';
import { listLabelUsage } from '../../../services/labels/list-label-usage.ts';
import { listSpaceLabels } from '../../../services/labels/list-space-labels.ts';
import { removeSpaceLabel } from '../../../services/labels/remove-space-label.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Label } from '../present/label.ts';
import { StartLimitQuery } from '../schemas/common.ts';
import {
  LabelListQuery,
  LabelRemoveQuery,
  LabelsBody,
  labelsBodyRefusal,
  SpaceCategoryNameParams,
  SpaceCategoryParams,
  SpaceKeyParams,
  SpaceLabelUsageParams,
} from '../schemas/labels.ts';
import { labelInputsOf, prefixOf } from './labels.ts';

// Cloud's `/space/{key}/label` defaults to 200, Data Center's `/space/{key}/labels…` to 25.
const spaceLabelRules = { defaultLimit: 200, maxLimit: 200 };
const spaceLabelUsageRules = { defaultLimit: 25, maxLimit: 500 };
// A space's labels are its content's global and team labels; personal ones are their owners' alone.
const spaceUsagePrefixes = ['global', 'team'] as const;

/**
 * Labels of spaces: Data Center's categories (`team` labels on the space) and Cloud v1's space labels
 * (any prefix), and Data Center's label lists computed from a space's content.
 */
export function v1SpaceLabelRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.post(
      '/space/:spaceKey/category/:labelName',
      { schema: { params: SpaceCategoryParams } },
      async (request, reply) => {
        await addSpaceLabels(deps, request.principal, request.params.spaceKey, [
          { prefix: 'team', name: request.params.labelName },
        ]);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/space/:spaceKey/category/:categoryName',
      { schema: { params: SpaceCategoryNameParams } },
      async (request, reply) => {
        const { name } = checkLabel({ prefix: 'team', name: request.params.categoryName });
        await removeSpaceLabel(deps, request.principal, request.params.spaceKey, {
          prefix: 'team',
          name,
          missingIsError: false,
        });
        return reply.status(204).send();
      },
    );

    app.get(
      '/space/:spaceKey/label',
      { schema: { params: SpaceKeyParams, querystring: LabelListQuery } },
      async (request) => {
        const window = windowOf(request.query, spaceLabelRules);
        const labels = await listSpaceLabels(
          deps,
          request.principal,
          request.params.spaceKey,
          prefixOf(request.query.prefix),
          window,
        );
        return pageOf(request, labels, window, presentV1Label);
      },
    );

    app.post(
      '/space/:spaceKey/label',
      {
        schema: { params: SpaceKeyParams, body: LabelsBody },
        schemaErrorFormatter: bodyRefusedAs(labelsBodyRefusal),
      },
      async (request) => {
        const { labels } = await addSpaceLabels(
          deps,
          request.principal,
          request.params.spaceKey,
          labelInputsOf(request.body),
        );
        return pageOf(request, labels, { start: 0, limit: spaceLabelRules.maxLimit }, presentV1Label);
      },
    );

    app.delete(
      '/space/:spaceKey/label',
      { schema: { params: SpaceKeyParams, querystring: LabelRemoveQuery } },
      async (request, reply) => {
        const { name, prefix } = request.query;
        if (name === undefined || name === '') throw badRequest('name is required', { field: 'name' });
        const label = checkLabel({ name, prefix: prefixOf(prefix) });
        await removeSpaceLabel(deps, request.principal, request.params.spaceKey, {
          ...label,
          missingIsError: true,
        });
        return reply.status(204).send();
      },
    );

    const usageRoutes: [string, LabelUsageOrder][] = [
      ['/space/:spaceKey/labels', 'name'],
      ['/space/:spaceKey/labels/popular', 'popular'],
      ['/space/:spaceKey/labels/recent', 'recent'],
      ['/space/:spaceKey/labels/:labelName/related', 'popular'],
    ];
    for (const [path, order] of usageRoutes) {
      app.get(
        path,
        { schema: { params: SpaceLabelUsageParams, querystring: StartLimitQuery } },
        async (request) => {
          const window = windowOf(request.query, spaceLabelUsageRules);
          const usage = await listLabelUsage(
            deps,
            request.principal,
            {
              order,
              spaceKey: request.params.spaceKey,
              relatedTo: request.params.labelName,
              prefixes: spaceUsagePrefixes,
            },
            window,
          );
          return pageOf(request, usage, window, (used) => presentV1Label(used.label));
        },
      );
    }
  };
}
