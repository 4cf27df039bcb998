import type { FastifyRequest } from 'fastify';
import type { Content } from '../../domain/content.ts';
import { type ContentStatus, contentStatuses } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import { parseExpansion } from '../../domain/expansion.ts';
import { descending, type KeysetWindow } from '../../domain/paging.ts';
import type { VersionSort } from '../../ports/content-store.ts';
import { loadRelations } from '../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { decodeCursor, limitOf } from './paging.ts';
import { v2IdOf, v2ListOf } from './path-ids.ts';
import type { V2BodyFormat, V2ContentView } from './present/page.ts';
import { v2KeysetSortOf, versionSorts } from './sorts.ts';

export type JsonObject = Record<string, unknown>;

/** Query strings as Fastify parses them: a repeated parameter arrives as an array. */
export type V2Query = Record<string, string | string[] | undefined>;

/** The first value of a parameter that takes one (`limit=1&limit=2` reads as 1). */
export const oneOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A JSON object body; anything else (an array, a string, nothing) is a 400 rather than an empty edit. */
export function jsonObjectOf(body: unknown): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object');
  }
  return body as JsonObject;
}

/**
 * `status` filters: repeated or comma-separated, each from the operation's enum; `any` means every
 * status, returned as an empty list (no filter).
 */
export function v2StatusesOf(
  raw: string | string[] | undefined,
  allowed: readonly ContentStatus[],
  fallback: readonly ContentStatus[],
): readonly ContentStatus[] {
  const values = v2ListOf(raw);
  if (values.length === 0) return fallback;
  if (values.includes('any')) return [];
  return values.map((value) => {
    const status = contentStatuses.find((candidate) => candidate === value);
    if (!status || !allowed.includes(status)) {
      throw badRequest(`status must be one of ${allowed.join(', ')}, not '${value}'`, { field: 'status' });
    }
    return status;
  });
}

/** `id=1&id=2,3`: numeric ids, at most `max` of them as the spec caps the array. */
export function v2IdsOf(raw: string | string[] | undefined, name: string, max: number): number[] {
  const values = v2ListOf(raw);
  if (values.length > max) throw badRequest(`${name} takes at most ${max} values`, { field: name });
  return values.map((value) => v2IdOf(value, name));
}

export function v2BodyFormatOf<Format extends string = V2BodyFormat>(
  raw: string | undefined,
  allowed: readonly Format[],
): Format | undefined {
  if (raw === undefined || raw === '') return undefined;
  const format = allowed.find((candidate) => candidate === raw);
  if (!format) {
    throw badRequest(`body-format must be one of ${allowed.join(', ')}, not '${raw}'`, {
      field: 'body-format',
    });
  }
  return format;
}

/** An id in a JSON body: clients send `"123"` as the spec says, some send `123`. */
export function v2BodyIdOf(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw badRequest(`${name} must be a numeric id`, { field: name });
  }
  return v2IdOf(String(value), name);
}

/** What a v2 `PUT` body says of the item and its next version. */
export interface V2UpdateBody {
  id?: string | number;
  title?: string;
  version?: { number?: number; message?: string | null } | null;
}

/**
 * A v2 `PUT` body: its `id`, when given, is the path's, with a `title` and the next `version.number`
 * (Confluence's optimistic lock); the version's `message` may come with it.
 */
export function v2UpdateOf(
  body: V2UpdateBody,
  id: number,
): { versionNumber: number; message: string | undefined } {
  if (body.id !== undefined && String(body.id) !== String(id)) {
    throw badRequest(`The id in the body (${String(body.id)}) is not the id in the path (${id})`, {
      field: 'id',
    });
  }
  if (body.title === undefined) throw badRequest('title is required', { field: 'title' });
  const number = body.version?.number;
  if (number === undefined || !Number.isInteger(number)) {
    throw badRequest('version.number is required: the current version number plus one', {
      field: 'version',
    });
  }
  return { versionNumber: number, message: body.version?.message ?? undefined };
}

/** `…/versions` paging: newest first unless asked otherwise, as Confluence lists history. */
export function v2VersionWindowOf(query: V2Query): KeysetWindow<VersionSort> {
  return {
    sort: v2KeysetSortOf(oneOf(query.sort), versionSorts, descending('modified')),
    after: decodeCursor(oneOf(query.cursor)),
    limit: limitOf(oneOf(query.limit)),
  };
}

const versionExpansion = parseExpansion('version');

/** Loads the users (for account ids) and spaces (for web links) that rendering these contents needs. */
export async function v2ViewOf(
  deps: ServiceDeps,
  request: FastifyRequest,
  contents: readonly Content[],
  options: Omit<V2ContentView, 'surface' | 'relations'> = {},
): Promise<V2ContentView> {
  const relations = await loadRelations(deps, request.principal, contents, versionExpansion);
  return { surface: request.surface, relations, ...options };
}
