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

export interface KeysetWindow<Sort extends string> {
  sort: Sort;
  after: Keyset | undefined;
  limit: number;
}

export interface KeysetSlice<T> {
  items: T[];
  /** Where the next page starts; undefined at the end of the collection. */
  next: Keyset | undefined;
}
