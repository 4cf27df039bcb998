import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Content } from '../../../domain/content.ts';
import type { ContentRepository, TreeItem } from '../../../ports/content-store.ts';
import { countOf, filtered, offsetPage } from './content-filters.ts';
import { contentColumns, type Joined, type JoinedRow, joinedOn, toContent } from './content-rows.ts';
import type { Tables } from './tables.ts';
import { visibleContent } from './visibility.ts';

export type ContentTreeRepository = Pick<
  ContentRepository,
  'setSiblingOrder' | 'descendants' | 'treeDescendants' | 'moveTreeToSpace' | 'blobsUnder' | 'ancestors'
>;

/** How many levels a walk up the tree goes at most: a guard against a parent loop, far above any real tree. */
export const maxTreeDepth = 100_000;
// Ancestors' levels walked and rows read per statement; between two, other requests get their turn
// (each takes 1–2 ms here).
const levelsPerStatement = 500;
const ancestorBatchSize = 250;

/** Every item below `id`, through page parents and containers, at any depth. */
function treeBelow(db: Kysely<Tables>, id: number) {
  return (db as unknown as Kysely<Joined & { tree: { id: number } }>).withRecursive('tree(id)', (qb) =>
    qb
      .selectFrom('content')
      .select('content.id')
      .where((eb) => eb.or([eb('content.parent_id', '=', id), eb('content.container_id', '=', id)]))
      .union(
        qb
          .selectFrom('content')
          .innerJoin('tree', (join) =>
            join.on((eb) =>
              eb.or([
                eb('content.parent_id', '=', eb.ref('tree.id')),
                eb('content.container_id', '=', eb.ref('tree.id')),
              ]),
            ),
          )
          .select('content.id'),
      ),
  );
}

/** The page tree: sibling order, what lies below an item, and the chain above it. */
export function sqlContentTreeRepository(db: Kysely<Tables>): ContentTreeRepository {
  return {
    async setSiblingOrder(ids) {
      for (const [position, id] of ids.entries()) {
        await db
          .updateTable('content')
          .set({ position })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('position', 'is', null), eb('position', '!=', position)]))
          .execute();
      }
    },

    async descendants(id, filter, window) {
      const tree = treeBelow(db, id)
        .selectFrom('content as c')
        .innerJoin('content_versions as v', (join) =>
          join.onRef('v.content_id', '=', 'c.id').onRef('v.number', '=', 'c.current_version'),
        )
        .where('c.id', 'in', (eb) => eb.selectFrom('tree').select('tree.id'));
      const query = filtered(tree as unknown as ReturnType<typeof joinedOn>, filter);
      const [items, total] = await Promise.all([
        offsetPage(db, query.select('c.id').orderBy('c.id'), window),
        countOf(query),
      ]);
      return { items, total };
    },

    async treeDescendants(id, filter, window) {
      const types = [...filter.types];
      const statuses = [...filter.statuses];
      const after = window.after;
      const rows = await sql<{ id: number; depth: number }>`WITH RECURSIVE tree(id, depth) AS (
          SELECT c.id, 1 FROM content c
            WHERE c.parent_id = ${id} AND c.type IN (${sql.join(types)}) AND c.status IN (${sql.join(statuses)})
          UNION ALL
          SELECT c.id, t.depth + 1 FROM content c JOIN tree t ON c.parent_id = t.id
            WHERE t.depth < ${filter.maxDepth} AND c.type IN (${sql.join(types)})
              AND c.status IN (${sql.join(statuses)})
        )
        SELECT c.id AS id, tree.depth AS depth FROM tree JOIN content c ON c.id = tree.id
        WHERE ${filter.viewer ? visibleContent(filter.viewer) : sql<SqlBool>`1 = 1`}
          ${after ? sql`AND (tree.depth > ${Number(after.sortValue)} OR (tree.depth = ${Number(after.sortValue)} AND c.id > ${after.id}))` : sql``}
        ORDER BY tree.depth, c.id LIMIT ${window.limit + 1}`.execute(db);
      const page = rows.rows.slice(0, window.limit);
      const found =
        page.length === 0
          ? []
          : await joinedOn(db)
              .select(contentColumns)
              .where(
                'c.id',
                'in',
                page.map((row) => Number(row.id)),
              )
              .execute();
      const byId = new Map(found.map((row) => [Number(row.id), toContent(row as JoinedRow)]));
      const items = page.flatMap((row): TreeItem[] => {
        const content = byId.get(Number(row.id));
        return content ? [{ content, depth: Number(row.depth) }] : [];
      });
      const last = page.at(-1);
      return {
        items,
        next:
          rows.rows.length > window.limit && last
            ? { sortValue: Number(last.depth), id: Number(last.id) }
            : undefined,
      };
    },

    async moveTreeToSpace(id, spaceId) {
      await treeBelow(db, id)
        .updateTable('content')
        .set({ space_id: spaceId })
        .where('content.id', 'in', (eb) => eb.selectFrom('tree').select('tree.id'))
        .execute();
    },

    async blobsUnder(id) {
      const rows = await treeBelow(db, id)
        .selectFrom('content_versions')
        .select('content_versions.blob_sha256')
        .distinct()
        .where('content_versions.blob_sha256', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('content_versions.content_id', '=', id),
            eb('content_versions.content_id', 'in', eb.selectFrom('tree').select('tree.id')),
          ]),
        )
        .execute();
      return rows.flatMap((row) => (row.blob_sha256 === null ? [] : [row.blob_sha256]));
    },

    async ancestors(id) {
      // Statements walk up the parents, 500 levels each; the rows come in batches by id, and go out
      // root first. A walk of one lookup per level took half a second for a page 10,000 levels deep, all of
      // it on the event loop; one statement for all 10,000 levels held the loop for ~20 ms.
      const seen = new Set([id]);
      const above: number[] = [];
      let from = id;
      walk: for (;;) {
        const { rows: chain } = await sql<{ id: number }>`WITH RECURSIVE up(id, depth) AS (
            SELECT c.parent_id, 1 FROM content c WHERE c.id = ${from} AND c.parent_id IS NOT NULL
            UNION ALL SELECT c.parent_id, up.depth + 1 FROM content c JOIN up ON c.id = up.id
              WHERE c.parent_id IS NOT NULL AND up.depth < ${levelsPerStatement}
          )
          SELECT id FROM up ORDER BY depth`.execute(db);
        for (const { id: ancestorId } of chain) {
          // A parent loop cannot be made through the API; should the data hold one, the walk stops at it.
          if (seen.has(Number(ancestorId)) || above.length >= maxTreeDepth) break walk;
          seen.add(Number(ancestorId));
          above.push(Number(ancestorId));
        }
        const top = above.at(-1);
        if (chain.length < levelsPerStatement || top === undefined) break;
        from = top;
        await nextTurn();
      }
      above.reverse();
      const byId = new Map<number, Content>();
      for (let start = 0; start < above.length; start += ancestorBatchSize) {
        const batch = above.slice(start, start + ancestorBatchSize);
        if (start > 0) await nextTurn();
        const rows = await joinedOn(db).select(contentColumns).where('c.id', 'in', batch).execute();
        for (const row of rows) byId.set(Number(row.id), toContent(row as JoinedRow));
      }
      return above.flatMap((ancestorId) => byId.get(ancestorId) ?? []);
    },
  };
}
