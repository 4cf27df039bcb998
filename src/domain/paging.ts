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
