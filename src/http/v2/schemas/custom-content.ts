import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { BodyId, NextVersion, WrittenBody } from './content.ts';

/** `GET /custom-content` and the lists by space, page and blog post (`getCustomContentByType…`). */
export const CustomContentListQuery = queryOf(
  'type',
  'id',
  'space-id',
  'sort',
  'cursor',
  'limit',
  'body-format',
);

/** `GET /custom-content/{id}/children`. */
export const CustomContentChildrenQuery = queryOf('sort', 'cursor', 'limit', 'id', 'space-id');

/** `GET /custom-content/{id}` (`getCustomContentById`). */
export const CustomContentQuery = queryOf(
  'body-format',
  'version',
  'include-labels',
  'include-properties',
  'include-operations',
  'include-versions',
  'include-version',
  'include-collaborators',
);

/** `GET /custom-content/{custom-content-id}/versions`. */
export const VersionListQuery = queryOf('body-format', 'cursor', 'limit', 'sort');

const place = {
  spaceId: BodyId('the space the item is in'),
  pageId: BodyId('the page it belongs to'),
  blogPostId: BodyId('the blog post it belongs to'),
  customContentId: BodyId('the custom content it belongs to'),
};

/** The app's own type (`ac:my-app:my-type`). */
const CustomType = (description: string) => Type.Optional(Type.String({ description }));

/** `POST /custom-content` (`CustomContentCreateRequest`). */
export const CustomContentCreateBody = Type.Object({
  type: CustomType("the app's custom content type"),
  status: Type.Optional(Type.String({ description: 'current or draft' })),
  title: Type.Optional(Type.String({ description: 'the title' })),
  body: WrittenBody,
  ...place,
});

/** `PUT /custom-content/{id}` (`CustomContentUpdateRequest`). */
export const CustomContentUpdateBody = Type.Object({
  id: Type.Optional(Type.Union([Type.String(), Type.Number()], { description: "the path's id" })),
  type: CustomType('unchanged'),
  status: Type.Optional(Type.String({ description: 'current or draft' })),
  title: Type.Optional(Type.String({ description: 'the title; required' })),
  body: WrittenBody,
  version: NextVersion,
  ...place,
});
