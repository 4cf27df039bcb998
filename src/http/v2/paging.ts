import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/errors.ts';
import type { Keyset, KeysetSlice } from '../../domain/paging.ts';
import { defaultPageSize } from '../common/page-size-cap.ts';

export interface LimitRules {
  defaultLimit: number;
  maxLimit: number;
}

// Cloud v2 lists take `limit` from 1 to 250, 25 unless the operation says otherwise (api-reference.md §0.5).
export const v2ListRules: LimitRules = { defaultLimit: 25, maxLimit: 250 };

/** `limit`: below 1 or not a number is a 400; above the maximum is clamped ([unsure] whether Cloud 400s). */
export function limitOf(text: string | undefined, rules: LimitRules = v2ListRules): number {
  if (text === undefined || text === '') return defaultPageSize(rules.defaultLimit);
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw badRequest(`limit must be a whole number from 1 to ${rules.maxLimit}, not '${text}'`, {
      field: 'limit',
    });
  }
  return Math.min(Number(text), rules.maxLimit);
}

/** Opaque to clients: the keyset of the last item returned, as base64url JSON. */
export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify({ sortValue: keyset.sortValue, id: keyset.id }), 'utf8').toString(
    'base64url',
  );
}

const invalidCursor = (text: string) => badRequest(`Invalid cursor: ${text}`, { field: 'cursor' });

/** The keyset a cursor from `encodeCursor` carries; anything else is a 400. */
export function decodeCursor(text: string | undefined): Keyset | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCursor(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(text);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidCursor(text);
  const { sortValue, id } = parsed as Record<string, unknown>;
  const validSortValue =
    typeof sortValue === 'string' || (typeof sortValue === 'number' && Number.isFinite(sortValue));
  if (!validSortValue || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
    throw invalidCursor(text);
  return { sortValue, id };
}

/**
 * The v2 collection envelope. `_links.next` and the `Link` header's next relation appear only when more
 * exists; the link is site-relative (with `/wiki` when the request had it) and keeps every other query
 * parameter, with the limit applied (api-reference.md §0.5).
 */
export function keysetPage<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  slice: KeysetSlice<T>,
  limit: number,
  present: (item: T) => R,
) {
  const { base } = request.surface;
  const url = new URL(request.originalUrl, 'http://placeholder');
  let next: string | undefined;
  if (slice.next) {
    const params = new URLSearchParams(url.search);
    params.delete('cursor');
    params.set('limit', String(limit));
    params.set('cursor', encodeCursor(slice.next));
    next = `${url.pathname}?${params.toString()}`;
  }
  reply.header('link', [...(next ? [`<${next}>; rel="next"`] : []), `<${base}>; rel="base"`].join(', '));
  return { results: slice.items.map(present), _links: { ...(next && { next }), base } };
}

/** A v2 list answered whole, with no cursor: the envelope and `Link` header of a last page. */
export function wholeListPage<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: T[],
  present: (item: T) => R,
) {
  return keysetPage(request, reply, { items, next: undefined }, items.length, present);
}
