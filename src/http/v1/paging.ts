import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import { defaultPageSize } from '../common/page-size-cap.ts';
import { optionalWholeNumber } from './content-input.ts';

export interface WindowRules {
  defaultLimit: number;
  maxLimit: number;
}

export interface WindowQuery {
  start?: string;
  limit?: string;
}

/** A window asked for by `start` or, as Cloud clients page searches, by `cursor`. */
export interface CursorWindowQuery extends WindowQuery {
  cursor?: string;
}

/** `start`/`limit` with the endpoint's default and cap; the applied limit is what `limit` echoes. */
export function windowOf(query: WindowQuery, rules: WindowRules): Window {
  const start = optionalWholeNumber(query.start, 'start') ?? 0;
  const asked = optionalWholeNumber(query.limit, 'limit') ?? defaultPageSize(rules.defaultLimit);
  return { start, limit: Math.min(Math.max(asked, 1), rules.maxLimit) };
}

/**
 * The v1 collection envelope. `_links.next` is context-relative (no `/wiki`), present only when more
 * exists, and keeps every other query parameter (api-reference.md §0.5).
 */
export function pageOf<T, R>(
  request: FastifyRequest,
  slice: Slice<T>,
  window: Window,
  present: (item: T) => R,
) {
  const { base, context } = request.surface;
  const url = new URL(request.originalUrl, 'http://placeholder');
  const contextRelativePath = url.pathname.slice(context.length);
  const linkTo = (start: number) => {
    const params = new URLSearchParams(url.search);
    params.set('limit', String(window.limit));
    params.set('start', String(start));
    return `${contextRelativePath}?${params.toString()}`;
  };
  const hasMore = window.start + slice.items.length < slice.total;
  return {
    results: slice.items.map(present),
    start: window.start,
    limit: window.limit,
    size: slice.items.length,
    totalSize: slice.total,
    // The DC spec names the total `totalCount`; clients read one or the other (api-reference.md §0.5).
    ...(!request.surface.cloud && { totalCount: slice.total }),
    _links: {
      base,
      context,
      self: base + contextRelativePath + url.search,
      ...(hasMore && { next: linkTo(window.start + window.limit) }),
      ...(window.start > 0 && { prev: linkTo(Math.max(window.start - window.limit, 0)) }),
    },
  };
}

/*
 * Cloud pages searches by an opaque `cursor` in `_links.next` and ignores `start` (api-reference.md §0.5);
 * DC by `start`. The v1 cursor is the offset, encoded so clients treat it as opaque; both work everywhere.
 * Clients hold cursors, so the encoding (`offset:<start>` in base64url) must not change.
 */
export const encodeOffsetCursor = (start: number) => Buffer.from(`offset:${start}`).toString('base64url');

/** The offset a cursor from `encodeOffsetCursor` carries; anything else is a 400. */
export function decodeOffsetCursor(cursor: string): number {
  const match = /^offset:([0-9]{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw badRequest(`Invalid cursor: ${cursor}`);
  return Number(match[1]);
}

/** `start`/`limit` as `windowOf` reads them, with `cursor`, when given, deciding where the window starts. */
export function cursorWindowOf(query: CursorWindowQuery, rules: WindowRules): Window {
  const window = windowOf(query, rules);
  return query.cursor ? { ...window, start: decodeOffsetCursor(query.cursor) } : window;
}

/** The v1 envelope, with `cursor=` added to `next` and `prev` so Cloud clients can follow them. */
export function cursorPageOf<T>(request: FastifyRequest, slice: Slice<T>, window: Window) {
  const page = pageOf(request, slice, window, (item) => item);
  const withCursor = (link: string | undefined) => {
    if (link === undefined) return undefined;
    const [path, search] = link.split('?');
    const params = new URLSearchParams(search);
    params.set('cursor', encodeOffsetCursor(Number(params.get('start') ?? 0)));
    return `${path}?${params.toString()}`;
  };
  const next = withCursor(page._links.next);
  const prev = withCursor(page._links.prev);
  return { ...page, _links: { ...page._links, ...(next && { next }), ...(prev && { prev }) } };
}
