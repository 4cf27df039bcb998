import type { FastifyInstance } from 'fastify';
import type { AccessMode } from '../../../domain/site.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getInstanceMetrics } from '../../../services/site/get-instance-metrics.ts';
import { getSiteIdentity } from '../../../services/site/get-site-identity.ts';
import { listClusterNodes } from '../../../services/site/list-cluster-nodes.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import {
  presentV1InstanceMetrics,
  presentV1NodeStatus,
  presentV1ServerInformation,
  presentV1SystemInfo,
} from '../present/site.ts';
import { PagedQuery } from '../schemas/site.ts';

const nodeRules = { defaultLimit: 100, maxLimit: 100 };

/** Data Center's site information: `server-information`, `accessmode`, `cluster/nodes`, `instance-metrics`. */
export function v1SiteRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/server-information', async (request) => presentV1ServerInformation(request.surface));

    // A JSON string, as Data Center sends it: READ_ONLY in read-only mode (TRIBUTARY_READ_ONLY).
    app.get('/accessmode', async (_request, reply) => {
      const mode: AccessMode = deps.accessMode ?? 'READ_WRITE';
      return reply.type('application/json').send(JSON.stringify(mode));
    });

    app.get('/instance-metrics', async (request) =>
      presentV1InstanceMetrics(await getInstanceMetrics(deps, request.principal)),
    );

    app.get('/cluster/nodes', { schema: { querystring: PagedQuery } }, async (request) => {
      const nodes = listClusterNodes(deps, request.principal);
      const window = windowOf(request.query, nodeRules);
      const nowMs = deps.clock.nowMs();
      const slice = { items: nodes.slice(window.start, window.start + window.limit), total: nodes.length };
      return pageOf(request, slice, window, (node) => presentV1NodeStatus(node, nodes.indexOf(node), nowMs));
    });
  };
}

/** Cloud's site information: `settings/systemInfo`. */
export function v1CloudSiteRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/settings/systemInfo', async (request) =>
      presentV1SystemInfo(await getSiteIdentity(deps), request.surface),
    );
  };
}
