import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf, ContentBodyField, VersionField } from './common.ts';

/** `GET /pages` and `GET /blogposts` (`getPages`, `getBlogPosts`; `subtype` is accepted and ignored). */
export const ContentListQuery = queryOf(
  'id',
  'space-id',
  'sort',
  'status',
  'title',
  'body-format',
  'subtype',
  'cursor',
  'limit',
);

/** `POST /pages` and `POST /blogposts`: `embedded` and `private` are Cloud features we accept and ignore. */
export const ContentCreateQuery = queryOf('embedded', 'private', 'root-level');

/** `GET /pages/{id}` and `GET /blogposts/{id}`; the `include-*` flags of fields served elsewhere are ignored. */
export const ContentQuery = queryOf(
  'body-format',
  'get-draft',
  'status',
  'version',
  'include-labels',
  'include-properties',
  'include-operations',
  'include-likes',
  'include-versions',
  'include-version',
  'include-favorited-by-current-user-status',
  'include-webresources',
  'include-collaborators',
  'include-direct-children',
);

/** `DELETE /pages/{id}` and `DELETE /blogposts/{id}`. */
export const ContentDeleteQuery = queryOf('purge', 'draft');

/** `GET /pages/{id}/versions` and the like. */
export const ContentVersionsQuery = queryOf('body-format', 'cursor', 'limit', 'sort');

/** `PageCreateRequest` / `BlogPostCreateRequest` (`parentId` for pages only). */
export const ContentCreateBody = BodyOf({
  spaceId: BodyField('the space to create it in; required'),
  status: BodyField('current or draft'),
  title: BodyField('the title'),
  parentId: BodyField('the parent page, pages only'),
  body: ContentBodyField,
});

/** `PageUpdateRequest` / `BlogPostUpdateRequest`. */
export const ContentUpdateBody = BodyOf({
  id: BodyField("the path's id"),
  status: BodyField('current, draft, archived…'),
  title: BodyField('the title; required'),
  spaceId: BodyField('a new space to move to'),
  parentId: BodyField('a new parent page, pages only'),
  body: ContentBodyField,
  version: VersionField,
});

/** `POST /pages/{id}/redact`: pointers into the body and title, each with an optional range and reason. */
export const RedactionBody = BodyOf({
  body: BodyField('{ redactions: [{ pointer, from?, to?, reason? }] }'),
  title: BodyField('{ redactions: [{ pointer, from?, to?, reason? }] }'),
});

/** `POST /content/convert-ids-to-types`. */
export const ConvertIdsBody = BodyOf({
  contentIds: BodyField('up to 100 content ids, as strings or numbers'),
});
