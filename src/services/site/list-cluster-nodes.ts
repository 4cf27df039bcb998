import { hostname } from 'node:os';
import type { Principal } from '../../domain/principal.ts';
import type { NodeStatus } from '../../domain/site.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * `GET /rest/api/cluster/nodes`: Tributary runs as one process over one SQLite file, so the cluster is
 * this node, described as it is now. Administrators only, as Data Center has it.
 */
export function listClusterNodes(deps: ServiceDeps, principal: Principal): NodeStatus[] {
  requireAdministrator(principal);
  const memory = process.memoryUsage();
  return [
    {
      hostname: hostname(),
      pid: process.pid,
      startedAtMs: deps.clock.nowMs() - Math.round(process.uptime() * 1000),
      nodeVersion: process.version,
      platform: `${process.platform} ${process.arch}`,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      residentBytes: memory.rss,
    },
  ];
}
