/** An offset window, as v1/DC `start`/`limit` ask for it. */
export interface Window {
  start: number;
  limit: number;
}

/** One window of a collection, with the size of the whole collection. */
export interface Slice<T> {
  items: T[];
  total: number;
}

/** Keyset position: the sort value and id of the last item already returned (v2 cursors). */
export interface Keyset {
  sortValue: string | number;
  id: number;
}

export type SortDirection = 'asc' | 'desc';

/** How a keyset list is ordered: by one of the store's keys, either way; ties go by id the same way. */
export interface KeysetSort<Key extends string> {
  readonly by: Key;
  readonly direction: SortDirection;
}

export const ascending = <Key extends string>(by: Key): KeysetSort<Key> => ({ by, direction: 'asc' });
export const descending = <Key extends string>(by: Key): KeysetSort<Key> => ({ by, direction: 'desc' });

/** `Order` is a `KeysetSort`, or the one key of a list with a fixed order (`'depth'`, `'id'`). */
export interface KeysetWindow<Order> {
  sort: Order;
  after: Keyset | undefined;
  limit: number;
}

export interface KeysetSlice<T> {
  items: T[];
  /** Where the next page starts; undefined at the end of the collection. */
  next: Keyset | undefined;
}

/**
 * A keyset page of a short list held in memory, ordered by a whole-number position (a row id): for lists
 * that are read whole (roles, their assignments) but answered page by page like every other v2 list.
 */
export function keysetSliceOf<T>(
  items: readonly T[],
  positionOf: (item: T) => number,
  after: Keyset | undefined,
  limit: number,
): KeysetSlice<T> {
  const rest = after === undefined ? items : items.filter((item) => positionOf(item) > after.id);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    next:
      rest.length > limit && last !== undefined
        ? { sortValue: positionOf(last), id: positionOf(last) }
        : undefined,
  };
}
