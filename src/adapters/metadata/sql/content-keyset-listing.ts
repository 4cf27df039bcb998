import type { Kysely } from 'kysely';
import type { Content } from '../../../domain/content.ts';
import type { KeysetSlice } from '../../../domain/paging.ts';
import type { ContentRepository, ContentSort } from '../../../ports/content-store.ts';
import { filtered } from './content-filters.ts';
import { contentColumns, type JoinedRow, joinedOn, toContent } from './content-rows.ts';
import { afterKeyset, type KeysetOrder } from './keyset.ts';
import type { Tables } from './tables.ts';

export type ContentKeysetListing = Pick<ContentRepository, 'listKeyset'>;

const sortColumns: Record<ContentSort['by'], string> = {
  id: 'c.id',
  created: 'c.created_at_ms',
  modified: 'c.updated_at_ms',
  title: 'c.title',
};

function orderOf(sort: ContentSort): KeysetOrder {
  return { column: sortColumns[sort.by], idColumn: 'c.id', descending: sort.direction === 'desc' };
}

function sortValueOf(content: Content, row: JoinedRow, sort: ContentSort): string | number {
  switch (sort.by) {
    case 'created':
      return content.createdAtMs;
    case 'modified':
      // The column itself: trashing moves `updated_at_ms` without a new version.
      return Number(row.updated_at_ms);
    case 'title':
      return content.title;
    default:
      return content.id;
  }
}

/** Content by keyset (v2 cursors): page N costs what page 1 does. */
export function sqlContentKeysetListing(db: Kysely<Tables>): ContentKeysetListing {
  return {
    async listKeyset(filter, window): Promise<KeysetSlice<Content>> {
      const order = orderOf(window.sort);
      let query = filtered(joinedOn(db), filter);
      const after = window.after;
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const direction = order.descending ? 'desc' : 'asc';
      const rows = await query
        .select(contentColumns)
        .orderBy(order.column as 'c.id', direction)
        .orderBy('c.id', direction)
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map((row) => toContent(row as JoinedRow));
      const last = items.at(-1);
      const lastRow = rows[window.limit - 1] as JoinedRow | undefined;
      const next =
        rows.length > window.limit && last && lastRow
          ? { sortValue: sortValueOf(last, lastRow, window.sort), id: last.id }
          : undefined;
      return { items, next };
    },
  };
}
