import { queryOf } from '../../common/schemas.ts';

/** `GET /{pages,blogposts,footer-comments,inline-comments}/{id}/likes/users`; `limit` may be 0 here. */
export const LikeListQuery = queryOf('cursor', 'limit');
