import type { FastifyRequest } from 'fastify';

// Query keys that v1 and Data Center accept more than once (`status=current&status=trashed`,
// `spaceKey=A&spaceKey=B`, `key=a&key=b`); routes that take them read `string | string[]`.
export const multiValuedKeys = [
  'status',
  'key',
  'spaceKey',
  'spaceKeys',
  'spaceId',
  'spaceIds',
  'location',
  'contentType',
  // DC webhooks and backup jobs
  'event',
  'outcome',
  'jobStates',
  'label',
] as const;
const multiValued = new Set<string>(multiValuedKeys);

/**
 * A repeated parameter arrives as an array; v1 routes read the others as strings. Like Confluence, take the
 * first value (and join repeated `expand`s), so a repeated key is never a 500.
 */
export function normaliseV1Query(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (!Array.isArray(value) || multiValued.has(name)) continue;
    query[name] = name === 'expand' ? value.join(',') : value[0];
  }
}

/**
 * A parameter that may repeat, read where one value is meant: repeated, its values joined with commas,
 * which name no one thing (a user key, a status) and are refused or found missing as such.
 */
export const joinedValue = (raw: string | string[] | undefined): string | undefined =>
  Array.isArray(raw) ? raw.join(',') : raw;
