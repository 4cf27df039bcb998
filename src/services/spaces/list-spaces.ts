import type { Space, SpaceStatus, SpaceType } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import { labelOfQualifiedName } from '../../domain/label.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { SpaceFilter, SpaceSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { visibleSpacesFilter } from '../permissions/space-access.ts';

export interface SpaceListFilter {
  keys?: readonly string[];
  ids?: readonly number[];
  type?: string;
  status?: string;
  /** Data Center's `label`: spaces carrying any of these labels (`team:name`; a bare name is global). */
  labels?: readonly string[];
}

const spaceTypes: readonly SpaceType[] = ['global', 'personal'];
const spaceStatuses: readonly SpaceStatus[] = ['current', 'archived'];
// Cloud v2 names more types than we have; filtering on one of them is valid and matches nothing.
const otherCloudTypes = ['collaboration', 'knowledge_base', 'system', 'onboarding', 'xflow_sample_space'];

type Checked = { filter: SpaceFilter; matchesNothing: boolean };

async function checkFilter(
  deps: ServiceDeps,
  principal: Principal,
  input: SpaceListFilter,
): Promise<Checked> {
  const type = spaceTypes.find((candidate) => candidate === input.type);
  const unknownCloudType = input.type !== undefined && otherCloudTypes.includes(input.type);
  if (input.type !== undefined && !type && !unknownCloudType) {
    throw badRequest(`Invalid space type: ${input.type}; use one of ${spaceTypes.join(', ')}`, {
      field: 'type',
    });
  }
  const status = spaceStatuses.find((candidate) => candidate === input.status);
  if (input.status !== undefined && !status) {
    throw badRequest(`Invalid space status: ${input.status}; use one of ${spaceStatuses.join(', ')}`, {
      field: 'status',
    });
  }
  return {
    filter: {
      ...(await visibleSpacesFilter(deps, principal)),
      ...(input.keys?.length && { keys: [...input.keys] }),
      ...(input.ids?.length && { ids: [...input.ids] }),
      ...(type && { type }),
      ...(status && { status }),
      ...(input.labels?.length && { labels: input.labels.map(labelOfQualifiedName) }),
    },
    matchesNothing: unknownCloudType,
  };
}

/** `GET /rest/api/space`: the spaces the caller may see, by key, in offset windows. */
export async function listSpaces(
  deps: ServiceDeps,
  principal: Principal,
  input: SpaceListFilter,
  window: Window,
): Promise<Slice<Space>> {
  const { filter, matchesNothing } = await checkFilter(deps, principal, input);
  if (matchesNothing) return { items: [], total: 0 };
  return deps.store.spaces.list(filter, window);
}

/** v2 `GET /spaces`: keyset pages, so page N costs what page 1 does. */
export async function listSpacesByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  input: SpaceListFilter,
  window: KeysetWindow<SpaceSort>,
): Promise<KeysetSlice<Space>> {
  const { filter, matchesNothing } = await checkFilter(deps, principal, input);
  if (matchesNothing) return { items: [], next: undefined };
  // A cursor made under another sort would compare a key with an id; refuse it rather than skip rows.
  const sortsById = window.sort.by === 'id';
  if (window.after && typeof window.after.sortValue !== (sortsById ? 'number' : 'string')) {
    throw badRequest('The cursor does not belong to this sort order', { field: 'cursor' });
  }
  return deps.store.spaces.listKeyset(filter, window);
}
