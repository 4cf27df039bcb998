import type { FastifyInstance } from 'fastify';
import { getContentAnalytics } from '../../../services/analytics/get-content-analytics.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { AnalyticsQuery, ContentIdParams } from '../schemas/site.ts';

/** Cloud's content analytics: views counted as `GET /content/{id}` reads the page. */
export function v1AnalyticsRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    for (const [path, field] of [
      ['/analytics/content/:contentId/views', 'views'],
      ['/analytics/content/:contentId/viewers', 'viewers'],
    ] as const) {
      app.get(path, { schema: { params: ContentIdParams, querystring: AnalyticsQuery } }, async (request) => {
        const counted = await getContentAnalytics(
          deps,
          request.principal,
          parseContentId(request.params.contentId, 'contentId'),
          request.query.fromDate,
        );
        return { id: counted.contentId, count: counted[field] };
      });
    }
  };
}
