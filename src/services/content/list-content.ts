import type { Content, ContentStatus, ContentType } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentFilter, ContentSort } from '../../ports/content-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';

export interface ContentQuery {
  types: readonly ContentType[];
  statuses: readonly ContentStatus[];
  spaceKeys?: readonly string[];
  spaceIds?: readonly number[];
  ids?: readonly number[];
  title?: string | undefined;
  /** `yyyy-mm-dd`: blog posts posted that day (UTC). */
  postingDay?: string | undefined;
  /** Only pages at the top of their space's tree. */
  rootOnly?: boolean;
}

/** Restricts a query to the spaces the caller may see, and turns keys and days into a filter. */
async function filterFor(
  deps: ServiceDeps,
  principal: Principal,
  query: ContentQuery,
): Promise<ContentFilter> {
  const keyed = await Promise.all(
    (query.spaceKeys ?? []).map((key) => requireVisibleSpaceByKey(deps, principal, key)),
  );
  const spaceIds = keyed.length > 0 ? keyed.map((space) => space.id) : query.spaceIds;
  return {
    types: query.types,
    statuses: query.statuses,
    viewer: await viewerOf(deps, principal),
    ...(spaceIds?.length && { spaceIds }),
    ...(query.ids && { ids: query.ids }),
    ...(query.title !== undefined && { title: query.title }),
    ...(query.rootOnly && { parentId: null }),
    ...(query.postingDay !== undefined && { createdBetweenMs: dayRange(query.postingDay) }),
  };
}

function dayRange(day: string) {
  const fromMs = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(fromMs)) throw badRequest(`postingDay must be a date like 2024-01-31, not '${day}'`);
  return { fromMs, toMs: fromMs + 86_400_000 };
}

export async function listContent(
  deps: ServiceDeps,
  principal: Principal,
  query: ContentQuery,
  window: Window,
): Promise<Slice<Content>> {
  return deps.store.content.list(await filterFor(deps, principal, query), window);
}

export async function listContentByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  query: ContentQuery,
  window: KeysetWindow<ContentSort>,
): Promise<KeysetSlice<Content>> {
  requireCursorOfSort(window);
  return deps.store.content.listKeyset(await filterFor(deps, principal, query), window);
}

/**
 * A cursor made under another sort would compare a title with a date or an id and skip rows; refuse it.
 * Titles sort by text, everything else by a number.
 */
export function requireCursorOfSort(window: KeysetWindow<ContentSort>): void {
  const expected = window.sort.by === 'title' ? 'string' : 'number';
  if (window.after && typeof window.after.sortValue !== expected) {
    throw badRequest('The cursor does not belong to this sort order', { field: 'cursor' });
  }
}
