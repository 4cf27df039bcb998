import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { BodyField } from './common.ts';
import { BodyId } from './content.ts';

/** `GET /pages/{id}/children` and `…/direct-children` of every tree type. */
export const ChildrenQuery = queryOf('cursor', 'limit', 'sort');

/** `GET /{type}/{id}/ancestors`. */
export const AncestorsQuery = queryOf('limit');

/** `GET /{type}/{id}/descendants`. */
export const DescendantsQuery = queryOf('limit', 'depth', 'cursor');

/** `GET /spaces/{id}/pages` and `…/blogposts` (`depth` for pages only). */
export const SpaceContentQuery = queryOf(
  'depth',
  'sort',
  'status',
  'title',
  'body-format',
  'cursor',
  'limit',
);

/** `PUT /pages/{id}/title` (`PageTitleUpdateRequest`). */
export const PageTitleBody = Type.Object({
  status: Type.Optional(Type.String({ description: 'current or draft' })),
  // `null` is a title not given, refused as one.
  title: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the new title' })),
});

/** `POST /folders`, `/whiteboards`, `/databases`, `/embeds`: `private` is accepted and ignored. */
export const TreeContentCreateQuery = queryOf('private');

/** `GET /folders/{id}` and the like: flags of fields served by their own operations. */
export const TreeContentQuery = queryOf(
  'include-collaborators',
  'include-direct-children',
  'include-operations',
  'include-properties',
);

/** `FolderCreateRequest`, `WhiteboardCreateRequest`, `DatabaseCreateRequest`, `SmartLinkCreateRequest`. */
export const TreeContentCreateBody = Type.Object({
  spaceId: BodyId('the space to create it in; required'),
  // `null` is no title: the item is named after its type.
  title: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the title' })),
  parentId: BodyId('the parent in the page tree'),
  templateKey: Type.Optional(Type.String({ description: 'whiteboards: a template, not supported' })),
  locale: BodyField('whiteboards: the template locale'),
  embedUrl: Type.Optional(
    Type.Union([Type.String(), Type.Null()], { description: 'embeds: the linked URL' }),
  ),
});
