import type { Expression, ExpressionBuilder, Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import type { Content, ContentStatus } from '../../../domain/content.ts';
import type { Window } from '../../../domain/paging.ts';
import type { ContentFilter } from '../../../ports/content-store.ts';
import { contentColumns, type Joined, type JoinedRow, joinedOn, toContent } from './content-rows.ts';
import type { Tables } from './tables.ts';
import { visibleContent } from './visibility.ts';

/** `statuses` for items that share their container's trash (`ContentFilter.trashedWithContainer`). */
function statusWithContainer(
  eb: ExpressionBuilder<Joined, 'c' | 'v'>,
  statuses: readonly ContentStatus[],
): Expression<SqlBool> {
  const containerTrashed = eb.exists(
    eb
      .selectFrom('content as container')
      .select('container.id')
      .whereRef('container.id', '=', 'c.container_id')
      .where('container.status', '=', 'trashed'),
  );
  const own = statuses.filter((status) => status !== 'trashed');
  return eb.or([
    ...(own.length > 0 ? [eb.and([eb('c.status', 'in', own), eb.not(containerTrashed)])] : []),
    ...(statuses.includes('trashed') ? [eb.or([eb('c.status', '=', 'trashed'), containerTrashed])] : []),
  ]);
}

/** `ContentFilter` as conditions on an item joined with its current version (`c`, `v`). */
export function filtered<Q extends SelectQueryBuilder<Joined, 'c' | 'v', object>>(
  query: Q,
  filter: ContentFilter,
): Q {
  let q = query as SelectQueryBuilder<Joined, 'c' | 'v', object>;
  if (filter.types?.length) q = q.where('c.type', 'in', [...filter.types]);
  if (filter.statuses?.length) {
    const statuses = filter.statuses;
    q = filter.trashedWithContainer
      ? q.where((eb) => statusWithContainer(eb, statuses))
      : q.where('c.status', 'in', [...statuses]);
  }
  if (filter.labelId !== undefined) {
    const labelId = filter.labelId;
    q = q.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('content_labels')
        .select('content_labels.content_id')
        .where('content_labels.label_id', '=', labelId),
    );
  }
  if (filter.spaceIds?.length) q = q.where('c.space_id', 'in', [...filter.spaceIds]);
  if (filter.viewer) q = q.where(visibleContent(filter.viewer));
  if (filter.ids?.length) q = q.where('c.id', 'in', [...filter.ids]);
  if (filter.title !== undefined) q = q.where('c.title', '=', filter.title);
  if (filter.parentId === null) q = q.where('c.parent_id', 'is', null);
  else if (filter.parentId !== undefined) q = q.where('c.parent_id', '=', filter.parentId);
  if (filter.containerId !== undefined) q = q.where('c.container_id', '=', filter.containerId);
  if (filter.commentLocation) q = q.where('c.comment_location', '=', filter.commentLocation);
  if (filter.customType !== undefined) q = q.where('c.custom_type', '=', filter.customType);
  const resolutions = filter.resolutionStatuses;
  if (resolutions?.length) {
    q = q.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('inline_comments')
        .select('inline_comments.content_id')
        .where('inline_comments.resolution_status', 'in', [...resolutions]),
    );
  }
  if (filter.mediaType !== undefined) q = q.where('v.media_type', '=', filter.mediaType);
  if (filter.createdBetweenMs) {
    q = q
      .where('c.created_at_ms', '>=', filter.createdBetweenMs.fromMs)
      .where('c.created_at_ms', '<', filter.createdBetweenMs.toMs);
  }
  return q as Q;
}

export async function countOf(query: SelectQueryBuilder<Joined, 'c' | 'v', object>): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The items `filter` selects, joined with their current version only when the filter reads it (every item
 * has its current version, so the join removes nothing): counting and choosing a page then read the
 * content index alone.
 */
export function filteredItems(db: Kysely<Tables>, filter: ContentFilter) {
  const items =
    filter.mediaType === undefined
      ? ((db as unknown as Kysely<Joined>).selectFrom('content as c') as unknown as ReturnType<
          typeof joinedOn
        >)
      : joinedOn(db);
  return filtered(items, filter);
}

/**
 * An offset page (v1 `start`/`limit`) in two steps: the page's ids, ordered by `pageIds`, read from an
 * index with OFFSET skipping index entries alone; then those items with their versions. Read in one
 * statement, OFFSET would fetch every skipped item's row and version too: the last of 1,000 pages of
 * attachments cost twice the first.
 */
export async function offsetPage(
  db: Kysely<Tables>,
  pageIds: SelectQueryBuilder<Joined, 'c', { id: number }>,
  window: Window,
): Promise<Content[]> {
  const ids = (await pageIds.limit(window.limit).offset(window.start).execute()).map((row) => Number(row.id));
  if (ids.length === 0) return [];
  const rows = await joinedOn(db).select(contentColumns).where('c.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row as JoinedRow]));
  // An item purged between the two reads is left out, as if the page had been read a moment later.
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toContent(row)] : [];
  });
}
