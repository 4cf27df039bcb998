import { badRequest } from '../../../../domain/errors.ts';
import type { Keyset } from '../../../../domain/paging.ts';
import type { AttachmentBrowseFilter, AttachmentBrowseSort } from '../../../../ports/content-store.ts';
import { singleField } from '../../../common/form-body.ts';

/** The column names in the screen's links, and the store's keys they sort by. */
export const sortKeys = {
  name: 'title',
  size: 'size',
  type: 'mediaType',
  modified: 'modified',
  author: 'author',
} as const satisfies Record<string, AttachmentBrowseSort['by']>;

export type SortColumn = keyof typeof sortKeys;

/** What the attachments screen was asked to show: every part comes from, and goes back into, its URL. */
export interface AttachmentListQuery {
  pageId: number;
  sort: SortColumn;
  direction: 'asc' | 'desc';
  name: string;
  match: 'contains' | 'prefix';
  /** A media type (`image/png`) or a file name extension (`png`, `.png`). */
  type: string;
  /** `YYYY-MM-DD`: only attachments modified before that day began (UTC); '' for any time. */
  before: string;
  /** Rows after (`n`) or before (`p`) a key; undefined: the first rows. */
  from: { key: Keyset; backwards: boolean } | undefined;
  /** `/containerId/attachmentId/filename` of the attachment to preview (attachmentWebuiOf). */
  preview: string | undefined;
}

export const pageSize = 50;

const numericSorts: readonly SortColumn[] = ['size', 'modified', 'author'];

/** Opaque to the visitor: direction, sort value and id, base64url JSON. */
export function encodeCursor(key: Keyset, backwards: boolean): string {
  return Buffer.from(JSON.stringify([backwards ? 'p' : 'n', key.sortValue, key.id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortColumn): AttachmentListQuery['from'] {
  const refusal = badRequest('This list link is out of date or damaged: start again from the first page');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refusal;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw refusal;
  const [way, sortValue, id] = parsed as unknown[];
  const valueType = numericSorts.includes(sort) ? 'number' : 'string';
  if ((way !== 'n' && way !== 'p') || typeof sortValue !== valueType || !Number.isSafeInteger(id))
    throw refusal;
  return { key: { sortValue: sortValue as string | number, id: id as number }, backwards: way === 'p' };
}

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** The date input's value as the instant it names: that day's UTC midnight. */
function beforeOf(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return '';
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  // The round trip refuses days a month lacks (2025-02-30), which some parsers roll over.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text)
    throw badRequest('Give the "modified before" date as YYYY-MM-DD', { field: 'before' });
  return text;
}

export const modifiedBeforeMsOf = (before: string): number | undefined =>
  before === '' ? undefined : Date.parse(`${before}T00:00:00Z`);

/** Whether any filter narrows the list (so "all matching" is not simply all). */
export const isFiltered = (query: AttachmentListQuery) =>
  query.name !== '' || query.type !== '' || query.before !== '';

export function listQueryOf(query: Record<string, unknown>): AttachmentListQuery {
  const pageId = Number(singleField(query.pageId));
  if (!Number.isSafeInteger(pageId) || pageId <= 0) throw badRequest('pageId must be a page id');
  const sort = oneOf(singleField(query.sort), Object.keys(sortKeys) as SortColumn[], 'name');
  const cursor = singleField(query.cursor);
  return {
    pageId,
    sort,
    direction: oneOf(singleField(query.order), ['asc', 'desc'], 'asc'),
    name: (singleField(query.name) ?? '').trim().slice(0, 255),
    match: oneOf(singleField(query.match), ['contains', 'prefix'], 'contains'),
    type: (singleField(query.type) ?? '').trim().slice(0, 255),
    before: beforeOf(singleField(query.before)),
    from: cursor ? decodeCursor(cursor, sort) : undefined,
    preview: singleField(query.preview) || undefined,
  };
}

export function browseFilterOf(query: AttachmentListQuery): Omit<AttachmentBrowseFilter, 'containerId'> {
  const type = query.type.toLowerCase();
  return {
    ...(query.name !== '' && { name: { text: query.name.normalize('NFC'), match: query.match } }),
    ...(type.includes('/') && { mediaType: type }),
    ...(type !== '' && !type.includes('/') && { extension: type.replace(/^\./, '') }),
    ...(query.before !== '' && { modifiedBeforeMs: modifiedBeforeMsOf(query.before) }),
  };
}

export const browseSortOf = (query: AttachmentListQuery): AttachmentBrowseSort => ({
  by: sortKeys[query.sort],
  direction: query.direction,
});

/** The screen's URL with some parts changed; a new sort or filter starts again at the first rows. */
export function listUrl(
  base: string,
  query: AttachmentListQuery,
  changes: Partial<Pick<AttachmentListQuery, 'sort' | 'direction'>> & { cursor?: string },
): string {
  const params = new URLSearchParams({ pageId: String(query.pageId) });
  const sort = changes.sort ?? query.sort;
  const direction = changes.direction ?? query.direction;
  if (sort !== 'name') params.set('sort', sort);
  if (direction !== 'asc') params.set('order', direction);
  if (query.name !== '') params.set('name', query.name);
  if (query.name !== '' && query.match !== 'contains') params.set('match', query.match);
  if (query.type !== '') params.set('type', query.type);
  if (query.before !== '') params.set('before', query.before);
  if (changes.cursor) params.set('cursor', changes.cursor);
  return `${base}?${params}`;
}
