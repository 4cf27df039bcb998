import type { FastifyInstance } from 'fastify';
import type { LabelUsageOrder } from '../../../ports/label-store.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getLabelDetails } from '../../../services/labels/get-label-details.ts';
import { listLabelUsage } from '../../../services/labels/list-label-usage.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Label, presentV1LabelDetails } from '../present/label.ts';
import { joinedValue } from '../query-values.ts';
import { StartLimitQuery } from '../schemas/common.ts';
import { LabelDetailsQuery, LabelNameParams, LabelsQuery } from '../schemas/labels.ts';

// Data Center's site-wide label lists default to 100; Cloud's `GET /label` pages its content by 200.
const labelUsageRules = { defaultLimit: 100, maxLimit: 500 };
const labelDetailsRules = { defaultLimit: 200, maxLimit: 200 };

const emptyAsMissing = (raw: string | string[] | undefined) => {
  const text = joinedValue(raw);
  return text === '' ? undefined : text;
};

/**
 * Data Center's site-wide label lists, from the labels on the content the caller can see: `/label/labels`
 * (filtered by name, namespace, space, owner), `/popular` and `/recent` (global labels, as documented),
 * `/{name}/related` (labels on the same content, most shared first); and Cloud v1's `GET /label`.
 */
export function v1LabelUsageRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/label/labels', { schema: { querystring: LabelsQuery } }, async (request) => {
      const { query } = request;
      const window = windowOf(query, labelUsageRules);
      const usage = await listLabelUsage(
        deps,
        request.principal,
        {
          order: 'name',
          name: emptyAsMissing(query.labelName),
          namespace: emptyAsMissing(query.namespace),
          owner: emptyAsMissing(query.owner),
          spaceKey: emptyAsMissing(query.spaceKey),
          prefixes: ['global', 'team'],
        },
        window,
      );
      return pageOf(request, usage, window, (used) => presentV1Label(used.label));
    });

    const usageRoutes: [string, LabelUsageOrder][] = [
      ['/label/popular', 'popular'],
      ['/label/recent', 'recent'],
      ['/label/:labelName/related', 'popular'],
    ];
    for (const [path, order] of usageRoutes) {
      app.get(
        path,
        { schema: { params: LabelNameParams, querystring: StartLimitQuery } },
        async (request) => {
          const window = windowOf(request.query, labelUsageRules);
          const usage = await listLabelUsage(
            deps,
            request.principal,
            { order, relatedTo: request.params.labelName, prefixes: ['global'] },
            window,
          );
          return pageOf(request, usage, window, (used) => presentV1Label(used.label));
        },
      );
    }

    app.get('/label', { schema: { querystring: LabelDetailsQuery } }, async (request) => {
      const window = windowOf(request.query, labelDetailsRules);
      const { label, contents } = await getLabelDetails(
        deps,
        request.principal,
        request.query.name,
        request.query.type,
        window,
      );
      return presentV1LabelDetails(label, contents, window);
    });
  };
}
