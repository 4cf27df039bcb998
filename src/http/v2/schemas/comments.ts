import { queryOf } from '../../common/schemas.ts';

/** `GET /footer-comments/{id}/versions` and `GET /inline-comments/{id}/versions`. */
export const CommentVersionListQuery = queryOf('body-format', 'cursor', 'limit', 'sort');
