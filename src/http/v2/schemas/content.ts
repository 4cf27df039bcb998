import { Type } from 'typebox';
import { ContentBodySchema } from '../../common/content-body.ts';
import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf } from './common.ts';

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

/** An id a body names: Cloud documents strings, clients send numbers too; `v2BodyIdOf` reads both. */
export const BodyId = (description: string) =>
  Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()], { description }));

/** A written body (`{representation, value}`), or `null` for none. */
export const WrittenBody = Type.Optional(Type.Union([ContentBodySchema, Type.Null()]));

/** `{number, message}`: the next version number (Confluence's optimistic lock) and its note. */
export const NextVersion = Type.Optional(
  Type.Union([
    Type.Object({
      number: Type.Optional(Type.Number({ description: 'the current version number plus one' })),
      message: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
    Type.Null(),
  ]),
);

/** `PageCreateRequest` / `BlogPostCreateRequest` (`parentId` for pages only). */
export const ContentCreateBody = Type.Object({
  spaceId: BodyId('the space to create it in; required'),
  status: Type.Optional(Type.String({ description: 'current or draft' })),
  title: Type.Optional(Type.String({ description: 'the title' })),
  parentId: BodyId('the parent page, pages only'),
  body: WrittenBody,
});

/** `PageUpdateRequest` / `BlogPostUpdateRequest`. */
export const ContentUpdateBody = Type.Object({
  id: Type.Optional(Type.Union([Type.String(), Type.Number()], { description: "the path's id" })),
  status: Type.Optional(Type.String({ description: 'current or draft' })),
  title: Type.Optional(Type.String({ description: 'the title; required' })),
  spaceId: BodyId('its space: content does not move between spaces'),
  parentId: BodyId('a new parent page, pages only'),
  body: WrittenBody,
  version: NextVersion,
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
