import { v1QueryOf } from './common.ts';

const searchParameters = [
  'cql',
  'cqlcontext',
  'expand',
  'cursor',
  'excerpt',
  'start',
  'limit',
  'includeArchivedSpaces',
] as const;

/** `GET /content/search` and `/search`. */
export const SearchQuery = v1QueryOf(...searchParameters);

/** `GET /search/user`: a CQL over users, optionally only those with a site permission. */
export const UserSearchQuery = v1QueryOf(...searchParameters, 'sitePermissionTypeFilter');
