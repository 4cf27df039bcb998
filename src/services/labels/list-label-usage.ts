import { badRequest, notFound } from '../../domain/errors.ts';
import { checkLabel, isLabelPrefix, type LabelPrefix, labelOfQualifiedName } from '../../domain/label.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { LabelUsage, LabelUsageFilter, LabelUsageOrder } from '../../ports/label-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { requireUserByUsername } from '../users/find-user.ts';

export interface LabelUsageQuery {
  order: LabelUsageOrder;
  /** Only labels used in this space (`/space/{key}/labels…`, or `spaceKey=` of `/label/labels`). */
  spaceKey?: string | undefined;
  /** `/label/{name}/related`: labels found on the same content as this one (`my:name` allowed). */
  relatedTo?: string | undefined;
  /** `/label/labels`: `labelName`, `namespace` and `owner` (a username). */
  name?: string | undefined;
  namespace?: string | undefined;
  owner?: string | undefined;
  /** The prefixes counted when no namespace is asked for (never `my`). */
  prefixes: readonly Exclude<LabelPrefix, 'my'>[];
}

/**
 * Data Center's label aggregates (`/label/popular`, `/recent`, `/{name}/related`, `/label/labels`, and
 * the same under `/space/{key}/labels`), computed from the labels on live content. Only content the
 * caller may see is counted, so neither a label nor how often it is used gives away a private page.
 * `my:` labels are personal: only the caller's own are ever counted.
 */
export async function listLabelUsage(
  deps: ServiceDeps,
  principal: Principal,
  query: LabelUsageQuery,
  window: Window,
): Promise<Slice<LabelUsage>> {
  const filter: LabelUsageFilter = {
    prefixes: query.prefixes,
    visibleTo: await viewerOf(deps, principal),
  };
  if (query.namespace !== undefined) {
    if (!isLabelPrefix(query.namespace)) {
      throw badRequest(`namespace must be global, my or team, not '${query.namespace}'`, {
        field: 'namespace',
      });
    }
    filter.prefixes = [query.namespace];
  }
  if (query.name !== undefined) {
    const { name } = checkLabel({ name: query.name, prefix: filter.prefixes?.[0] });
    if (!(await anyLabelNamed(deps, name)))
      throw notFound(`No label named '${query.name}'`, { labelName: name });
    filter.name = name;
  }
  if (query.owner !== undefined)
    filter.ownerId = (await requireUserByUsername(deps.store.users, query.owner)).id;
  if (query.spaceKey !== undefined) {
    filter.spaceIds = [(await requireVisibleSpaceByKey(deps, principal, query.spaceKey)).id];
  }
  if (query.relatedTo !== undefined) {
    const { prefix, name } = labelOfQualifiedName(query.relatedTo);
    const label = await deps.store.labels.find(prefix, name);
    if (!label) throw notFound(`No label named '${query.relatedTo}'`, { labelName: query.relatedTo });
    filter.coOccurringWithLabelId = label.id;
  }
  // Only `namespace=my` asks for personal labels, and then only the caller's own.
  if (filter.prefixes?.includes('my')) {
    const self = principal.kind === 'user' ? principal.user.id : undefined;
    if (self === undefined || (filter.ownerId !== undefined && filter.ownerId !== self)) {
      return { items: [], total: 0 };
    }
    filter.ownerId = self;
  }
  return deps.store.labels.usage(filter, query.order, window);
}

async function anyLabelNamed(deps: ServiceDeps, name: string): Promise<boolean> {
  for (const prefix of ['global', 'team', 'my'] as const) {
    if (await deps.store.labels.find(prefix, name)) return true;
  }
  return false;
}
