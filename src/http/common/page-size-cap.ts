import { AsyncLocalStorage } from 'node:async_hooks';

// Per request rather than per process: one process may run several sites (the tests do).
const pageSizeCap = new AsyncLocalStorage<number>();

/**
 * The page size a list answers when the client names none: the route's own default, lowered to
 * TRIBUTARY_MAX_PAGE_SIZE in test mode. The cap only ever lowers it: a list that defaults to 25 still
 * answers 25 under a cap of 100.
 */
export function defaultPageSize(routeDefault: number): number {
  const most = pageSizeCap.getStore();
  return most === undefined ? routeDefault : Math.min(routeDefault, most);
}

/** Runs a route's handler with `most` as the cap that `defaultPageSize` applies (http/tributary). */
export function withPageSizeCap<T>(most: number, handler: () => T): T {
  return pageSizeCap.run(most, handler);
}
