import { queryOf } from '../../common/schemas.ts';

/** `GET /labels`. */
export const LabelListQuery = queryOf('label-id', 'prefix', 'cursor', 'sort', 'limit');

/** `GET /{pages,blogposts,attachments,custom-content}/{id}/labels`, `GET /spaces/{id}/labels` and `…/content/labels`. */
export const LabelsOfQuery = queryOf('prefix', 'sort', 'cursor', 'limit');

/** `GET /labels/{id}/pages` and `…/blogposts`. */
export const LabelledContentQuery = queryOf('space-id', 'body-format', 'sort', 'cursor', 'limit');
