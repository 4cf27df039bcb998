import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Label, LabelPrefix } from '../../../domain/label.ts';
import type { KeysetSlice, Slice, Window } from '../../../domain/paging.ts';
import type {
  LabelFilter,
  LabelSort,
  LabelsRepository,
  LabelUsageFilter,
  LabelUsageOrder,
} from '../../../ports/label-store.ts';
import { afterKeyset, type KeysetOrder } from './keyset.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';
import { visibleContent } from './visibility.ts';

type Joined = Tables & { l: Tables['labels']; cl: Tables['content_labels'] };

interface LabelRow {
  id: number;
  prefix: string;
  name: string;
}

interface SortedRow extends LabelRow {
  sort_value: string | number;
}

const toLabel = (row: LabelRow): Label => ({
  id: Number(row.id),
  prefix: row.prefix as LabelPrefix,
  name: row.name,
});

/** `created` on content is when the label was attached; site-wide it is the label's id (first use). */
function orderOf(sort: LabelSort, onContent: boolean): KeysetOrder {
  const column =
    sort.by === 'name' ? 'l.name' : sort.by === 'created' && onContent ? 'cl.created_at_ms' : 'l.id';
  return { column, idColumn: 'l.id', descending: sort.direction === 'desc' };
}

// Labels on these count: what is live, never what is in the trash, a draft or an old version.
const countedStatuses = ['current', 'archived'];

const usageOrder: Record<LabelUsageOrder, [string, 'asc' | 'desc'][]> = {
  popular: [
    ['uses', 'desc'],
    ['l.name', 'asc'],
  ],
  recent: [
    ['last_used_at_ms', 'desc'],
    ['l.name', 'asc'],
  ],
  name: [['l.name', 'asc']],
};

interface UsageRow extends LabelRow {
  uses: number;
  last_used_at_ms: number;
}

export function sqlLabelsRepository(db: Kysely<Tables>, text: TextIndex): LabelsRepository {
  const joinedDb = db as unknown as Kysely<Joined>;

  const filtered = <Q extends SelectQueryBuilder<Joined, 'l', object>>(query: Q, filter: LabelFilter): Q => {
    let q = query as SelectQueryBuilder<Joined, 'l', object>;
    if (filter.ids?.length) q = q.where('l.id', 'in', [...filter.ids]);
    if (filter.prefixes?.length) q = q.where('l.prefix', 'in', [...filter.prefixes]);
    const onSpaceIds = filter.onSpaceIds;
    if (onSpaceIds) {
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('space_labels as on_space')
            .select('on_space.label_id')
            .whereRef('on_space.label_id', '=', 'l.id')
            .where('on_space.space_id', 'in', onSpaceIds.length > 0 ? [...onSpaceIds] : [-1]),
        ),
      );
    }
    const spaceIds = filter.usedInSpaceIds;
    const viewer = filter.visibleTo;
    if (spaceIds) {
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('content_labels as used')
            .innerJoin('content as c', 'c.id', 'used.content_id')
            .select('used.label_id')
            .whereRef('used.label_id', '=', 'l.id')
            .where('c.space_id', 'in', spaceIds.length > 0 ? [...spaceIds] : [-1])
            .where(viewer ? visibleContent(viewer) : sql<SqlBool>`1 = 1`),
        ),
      );
    }
    return q as Q;
  };

  const onContent = (contentId: number, filter: LabelFilter) =>
    filtered(
      joinedDb
        .selectFrom('content_labels as cl')
        .innerJoin('labels as l', 'l.id', 'cl.label_id')
        .where('cl.content_id', '=', contentId),
      filter,
    );

  /** An offset page by name, with the total. */
  const byNamePage = async (
    query: SelectQueryBuilder<Joined, 'l', object>,
    window: Window,
  ): Promise<Slice<Label>> => {
    const [rows, total] = await Promise.all([
      query
        .select(['l.id', 'l.prefix', 'l.name'])
        .orderBy('l.name')
        .orderBy('l.id')
        .limit(window.limit)
        .offset(window.start)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toLabel), total: Number(total.n) };
  };

  const keysetOf = async (
    query: SelectQueryBuilder<Joined, 'l', object>,
    order: KeysetOrder,
    window: { after: { sortValue: string | number; id: number } | undefined; limit: number },
  ): Promise<KeysetSlice<Label>> => {
    let q = query;
    const after = window.after;
    if (after) q = q.where((eb) => afterKeyset(eb, order, after));
    const direction = order.descending ? 'desc' : 'asc';
    const rows = (await q
      .select(['l.id', 'l.prefix', 'l.name', sql.ref<string | number>(order.column).as('sort_value')])
      .orderBy(order.column as 'l.id', direction)
      .orderBy('l.id', direction)
      .limit(window.limit + 1)
      .execute()) as unknown as SortedRow[];
    const page = rows.slice(0, window.limit);
    const last = page.at(-1);
    return {
      items: page.map(toLabel),
      next:
        rows.length > window.limit && last ? { sortValue: last.sort_value, id: Number(last.id) } : undefined,
    };
  };

  const find = async (prefix: LabelPrefix, name: string) => {
    const row = await db
      .selectFrom('labels')
      .selectAll()
      .where('prefix', '=', prefix)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toLabel(row);
  };

  const usageQuery = (filter: LabelUsageFilter) => {
    let q = joinedDb
      .selectFrom('content_labels as cl')
      .innerJoin('labels as l', 'l.id', 'cl.label_id')
      .innerJoin('content as c', 'c.id', 'cl.content_id')
      .where('c.status', 'in', countedStatuses);
    if (filter.prefixes?.length) q = q.where('l.prefix', 'in', [...filter.prefixes]);
    if (filter.name !== undefined) q = q.where('l.name', '=', filter.name);
    if (filter.ownerId !== undefined) q = q.where('cl.owner_id', '=', filter.ownerId);
    if (filter.spaceIds)
      q = q.where('c.space_id', 'in', filter.spaceIds.length > 0 ? [...filter.spaceIds] : [-1]);
    const related = filter.coOccurringWithLabelId;
    if (related !== undefined) {
      q = q
        .where('l.id', '!=', related)
        .where('cl.content_id', 'in', (eb) =>
          eb
            .selectFrom('content_labels as other')
            .select('other.content_id')
            .where('other.label_id', '=', related),
        );
    }
    if (filter.visibleTo) q = q.where(visibleContent(filter.visibleTo));
    return q;
  };

  return {
    async usage(filter, order, window) {
      const grouped = usageQuery(filter)
        .select([
          'l.id',
          'l.prefix',
          'l.name',
          (eb) => eb.fn.countAll<number>().as('uses'),
          (eb) => eb.fn.max('cl.created_at_ms').as('last_used_at_ms'),
        ])
        .groupBy(['l.id', 'l.prefix', 'l.name']);
      let paged = grouped;
      for (const [column, direction] of usageOrder[order]) paged = paged.orderBy(sql.ref(column), direction);
      const [rows, total] = await Promise.all([
        paged.orderBy('l.id').limit(window.limit).offset(window.start).execute() as unknown as Promise<
          UsageRow[]
        >,
        usageQuery(filter)
          .select((eb) => eb.fn.count<number>('l.id').distinct().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          label: toLabel(row),
          uses: Number(row.uses),
          lastUsedAtMs: Number(row.last_used_at_ms),
        })),
        total: Number(total.n),
      };
    },
    listOnSpace(spaceId, filter, window) {
      return byNamePage(
        filtered(joinedDb.selectFrom('labels as l'), { ...filter, onSpaceIds: [spaceId] }),
        window,
      );
    },
    async attachToSpace(spaceId, labelId, ownerId, createdAtMs) {
      const result = await db
        .insertInto('space_labels')
        .values({ space_id: spaceId, label_id: labelId, owner_id: ownerId, created_at_ms: createdAtMs })
        .onConflict((conflict) => conflict.columns(['space_id', 'label_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async detachFromSpace(spaceId, labelId) {
      const result = await db
        .deleteFrom('space_labels')
        .where('space_id', '=', spaceId)
        .where('label_id', '=', labelId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async ensure(prefix, name) {
      // Insert-if-absent then read, so two writers adding the same new label both end up with one row.
      await db
        .insertInto('labels')
        .values({ prefix, name })
        .onConflict((conflict) => conflict.columns(['prefix', 'name']).doNothing())
        .execute();
      const label = await find(prefix, name);
      if (!label) throw new Error(`label ${prefix}:${name} vanished while being created`);
      return label;
    },
    find,
    list(filter, window) {
      return keysetOf(
        filtered(joinedDb.selectFrom('labels as l'), filter),
        orderOf(window.sort, false),
        window,
      );
    },
    listOnContent(contentId, filter, window) {
      return byNamePage(onContent(contentId, filter), window);
    },
    listOnContentKeyset(contentId, filter, window) {
      return keysetOf(onContent(contentId, filter), orderOf(window.sort, true), window);
    },
    async attach(contentId, labelId, ownerId, createdAtMs) {
      const result = await db
        .insertInto('content_labels')
        .values({ content_id: contentId, label_id: labelId, owner_id: ownerId, created_at_ms: createdAtMs })
        .onConflict((conflict) => conflict.columns(['content_id', 'label_id']).doNothing())
        .executeTakeFirst();
      await text.reindex(contentId);
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async detach(contentId, labelId) {
      const result = await db
        .deleteFrom('content_labels')
        .where('content_id', '=', contentId)
        .where('label_id', '=', labelId)
        .executeTakeFirst();
      await text.reindex(contentId);
      return Number(result.numDeletedRows) > 0;
    },
  };
}
