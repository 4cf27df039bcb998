import type { FastifyRequest } from 'fastify';
import { type ExpansionTree, parseExpansion } from '../../domain/expansion.ts';
import { operationKey } from '../common/operation-key.ts';
import { mounts } from '../common/surface.ts';
import { dcDefaultExpansions } from './dc-default-expansions.ts';

const dcDefaults = new Map(
  Object.entries(dcDefaultExpansions).map(([operation, expansion]) => {
    const [method = '', template = ''] = operation.split(' ');
    return [operationKey(method, template), expansion];
  }),
);

/**
 * What a v1 request expands: its own `expand` when it names one; otherwise, on Data Center paths, the
 * default the DC spec gives the operation (dc-default-expansions.ts), and `otherwise` where it gives none
 * (and on Cloud paths).
 */
export function expansionAsked(
  request: Pick<FastifyRequest, 'routeOptions' | 'method' | 'surface'> & {
    query: { expand?: string | string[] | undefined };
  },
  otherwise = '',
): ExpansionTree {
  const asked = request.query.expand;
  if (asked !== undefined) return parseExpansion([asked].flat().join(','));
  const routeUrl = request.routeOptions.url ?? '';
  const at = routeUrl.indexOf(`${mounts.dcV1}/`);
  const dcDefault =
    request.surface.cloud || at < 0
      ? undefined
      : dcDefaults.get(operationKey(request.method, routeUrl.slice(at)));
  return parseExpansion(dcDefault ?? otherwise);
}
