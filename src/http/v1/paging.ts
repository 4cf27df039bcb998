import type { FastifyRequest } from 'fastify';
import type { Slice, Window } from '../../domain/paging.ts';
import { optionalWholeNumber } from './content-input.ts';

export interface WindowRules {
  defaultLimit: number;
  maxLimit: number;
}

export interface WindowQuery {
  start?: string;
  limit?: string;
}

/** `start`/`limit` with the endpoint's default and cap; the applied limit is what `limit` echoes. */
export function windowOf(query: WindowQuery, rules: WindowRules): Window {
  const start = optionalWholeNumber(query.start, 'start') ?? 0;
  const asked = optionalWholeNumber(query.limit, 'limit') ?? rules.defaultLimit;
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
  const url = new URL(request.url, 'http://placeholder');
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
