import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Keyset } from '../../../domain/paging.ts';
import type {
  AttachmentBrowseFilter,
  AttachmentBrowseSort,
  ContentRepository,
} from '../../../ports/content-store.ts';
import { contentColumns, type Joined, type JoinedRow, joinedOn, toContent } from './content-rows.ts';
import { afterKeyset } from './keyset.ts';
import type { Tables } from './tables.ts';

export type AttachmentBrowsing = Pick<
  ContentRepository,
  'browseAttachments' | 'countAttachments' | 'totalAttachments'
>;

// Each has an index starting (container_id, type, status) and ending with the id (migration 0022).
const sortColumns: Record<AttachmentBrowseSort['by'], { column: string; numeric: boolean }> = {
  title: { column: 'c.title', numeric: false },
  size: { column: 'c.current_size_bytes', numeric: true },
  mediaType: { column: 'c.current_media_type', numeric: false },
  modified: { column: 'c.updated_at_ms', numeric: true },
  author: { column: 'c.current_author_id', numeric: true },
};

/** A LIKE pattern matching `text` literally; `\` escapes the wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// lower() on both sides: the same function folds both, whatever it does with non-ASCII letters.
function nameLike(pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(c.title) LIKE lower(${pattern}) ESCAPE '\\'`;
}

// Only the content row's own columns: counting then needs no join with the versions.
function conditionsOf(eb: ExpressionBuilder<Joined, 'c'>, filter: AttachmentBrowseFilter) {
  const conditions: Expression<SqlBool>[] = [
    eb('c.container_id', '=', filter.containerId),
    eb('c.type', '=', 'attachment'),
    eb('c.status', '=', 'current'),
  ];
  if (filter.name !== undefined && filter.name.text !== '') {
    const text = literal(filter.name.text);
    conditions.push(nameLike(filter.name.match === 'prefix' ? `${text}%` : `%${text}%`));
  }
  if (filter.extension !== undefined) conditions.push(nameLike(`%.${literal(filter.extension)}`));
  if (filter.mediaType !== undefined) conditions.push(eb('c.current_media_type', '=', filter.mediaType));
  // A range on the modified index's column: sorted by modified the index seeks to it, otherwise row by row.
  if (filter.modifiedBeforeMs !== undefined)
    conditions.push(eb('c.updated_at_ms', '<', filter.modifiedBeforeMs));
  return eb.and(conditions);
}

/**
 * One container's current attachments for the attachments screen, by keyset in any of its orders: the
 * filters are conditions on rows read in index order, so no order sorts the page's every attachment.
 */
export function sqlAttachmentBrowsing(db: Kysely<Tables>): AttachmentBrowsing {
  const filteredOn = (filter: AttachmentBrowseFilter) => joinedOn(db).where((eb) => conditionsOf(eb, filter));
  return {
    async browseAttachments(filter, window) {
      const { column, numeric } = sortColumns[window.sort.by];
      // Reading backwards walks the same index the other way, from the first row shown.
      const descending = (window.sort.direction === 'desc') !== window.backwards;
      const order = { column, idColumn: 'c.id', descending };
      let query = filteredOn(filter);
      const after = window.after;
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const direction = descending ? 'desc' : 'asc';
      const rows = (await query
        .select(contentColumns)
        .select(sql.ref(column).as('browse_key'))
        .orderBy(sql.ref(column), direction)
        .orderBy('c.id', direction)
        .limit(window.limit + 1)
        .execute()) as unknown as (JoinedRow & { browse_key: string | number })[];
      const shown = rows.slice(0, window.limit);
      if (window.backwards) shown.reverse();
      const keyOf = (row: (JoinedRow & { browse_key: string | number }) | undefined): Keyset | undefined =>
        row && {
          sortValue: numeric ? Number(row.browse_key) : String(row.browse_key),
          id: Number(row.id),
        };
      return {
        items: shown.map((row) => toContent(row)),
        first: keyOf(shown[0]),
        last: keyOf(shown.at(-1)),
        more: rows.length > window.limit,
      };
    },

    async countAttachments(filter) {
      // From the content rows alone: an index-only count, with no version looked up per attachment.
      const row = await (db as unknown as Kysely<Joined>)
        .selectFrom('content as c')
        .where((eb) => conditionsOf(eb, filter))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async totalAttachments(filter) {
      const row = await (db as unknown as Kysely<Joined>)
        .selectFrom('content as c')
        .where((eb) => conditionsOf(eb, filter))
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.coalesce(eb.fn.sum<number>('c.current_size_bytes'), sql<number>`0`).as('bytes'),
        ])
        .executeTakeFirstOrThrow();
      return { count: Number(row.n), sizeBytes: Number(row.bytes) };
    },
  };
}
