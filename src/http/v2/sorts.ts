import { badRequest } from '../../domain/errors.ts';
import { ascending, descending, type KeysetSort } from '../../domain/paging.ts';
import type { ContentSort, SpaceSort, VersionSort } from '../../ports/content-store.ts';
import type { LabelSort } from '../../ports/label-store.ts';
import type { PropertySort } from '../../ports/task-and-property-store.ts';
import type { CommentSort } from '../../services/comments/list-footer-comments.ts';

/**
 * The `sort` tokens of Cloud v2 (`created-date`, `-modified-date`…) and the store's sort each stands for.
 * Each token is listed ascending and, with a leading `-`, descending, in the order the spec lists them,
 * which is the order the 400 names them in.
 */
export type WireSorts<Key extends string> = ReadonlyMap<string, KeysetSort<Key>>;

function wireSorts<Key extends string>(tokens: readonly (readonly [string, Key])[]): WireSorts<Key> {
  return new Map(
    tokens.flatMap(([token, by]) => [
      [token, ascending(by)],
      [`-${token}`, descending(by)],
    ]),
  );
}

/** A `sort` value from the operation's tokens; absent gives the default. */
export function v2KeysetSortOf<Key extends string>(
  raw: string | undefined,
  sorts: WireSorts<Key>,
  fallback: KeysetSort<Key>,
): KeysetSort<Key> {
  if (raw === undefined || raw === '') return fallback;
  const sort = sorts.get(raw);
  if (!sort)
    throw badRequest(`sort must be one of ${[...sorts.keys()].join(', ')}, not '${raw}'`, { field: 'sort' });
  return sort;
}

type ContentKey = ContentSort['by'];

/** `PageSortOrder`, `CustomContentSortOrder`. */
export const pageSorts = wireSorts<ContentKey>([
  ['id', 'id'],
  ['created-date', 'created'],
  ['modified-date', 'modified'],
  ['title', 'title'],
]);

/** `BlogPostSortOrder`. */
export const blogPostSorts = wireSorts<ContentKey>([
  ['id', 'id'],
  ['created-date', 'created'],
  ['modified-date', 'modified'],
]);

// Positions are not kept yet and new children go last, so the child position order is the id order.
/** `ChildPageSortOrder`. */
export const childSorts = wireSorts<ContentKey>([
  ['created-date', 'created'],
  ['id', 'id'],
  ['child-position', 'id'],
  ['modified-date', 'modified'],
]);

/** `ContentSortOrder` of direct children: the child page sorts and titles. */
export const directChildSorts = wireSorts<ContentKey>([
  ['created-date', 'created'],
  ['id', 'id'],
  ['child-position', 'id'],
  ['modified-date', 'modified'],
  ['title', 'title'],
]);

/** `AttachmentSortOrder`; without a sort, attachments come in id order, which is upload order. */
export const attachmentSorts = wireSorts<Exclude<ContentKey, 'title'>>([
  ['created-date', 'created'],
  ['modified-date', 'modified'],
]);

/** `CommentSortOrder`. */
export const commentSorts = wireSorts<CommentSort['by']>([
  ['created-date', 'created'],
  ['modified-date', 'modified'],
]);

/** `VersionSortOrder`: versions by when they were made. */
export const versionSorts = wireSorts<VersionSort['by']>([['modified-date', 'modified']]);

/** `LabelSortOrder`. */
export const labelSorts = wireSorts<LabelSort['by']>([
  ['created-date', 'created'],
  ['id', 'id'],
  ['name', 'name'],
]);

/** `SpaceSortOrder`. */
export const spaceSorts = wireSorts<SpaceSort['by']>([
  ['id', 'id'],
  ['key', 'key'],
  ['name', 'name'],
]);

/** `ContentPropertySortOrder`. */
export const propertySorts = wireSorts<PropertySort['by']>([['key', 'key']]);
