import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Keyset } from '../../../domain/paging.ts';

export interface KeysetOrder {
  /** Qualified column the collection is sorted on (ties broken by `idColumn`). */
  column: string;
  idColumn: string;
  descending: boolean;
}

/**
 * `(sort, id) > (last sort, last id)` spelled out so SQLite and PostgreSQL can both walk an index:
 * page N costs what page 1 does, unlike OFFSET. The redundant bound on the sort column alone lets the
 * index seek to the cursor; the OR alone is checked row by row from the start of the index.
 */
export function afterKeyset<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  order: KeysetOrder,
  after: Keyset,
): Expression<SqlBool> {
  const beyond = order.descending ? '<' : '>';
  const ref = eb.ref as (column: string) => Expression<unknown>;
  // Sorted by the id alone, a single range lets the index seek to the cursor; SQLite scans an `OR`.
  if (order.column === order.idColumn) return eb(ref(order.idColumn), beyond, after.id);
  return eb.and([
    eb(ref(order.column), order.descending ? '<=' : '>=', after.sortValue),
    eb.or([
      eb(ref(order.column), beyond, after.sortValue),
      eb.and([eb(ref(order.column), '=', after.sortValue), eb(ref(order.idColumn), beyond, after.id)]),
    ]),
  ]);
}
