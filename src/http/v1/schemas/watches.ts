import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';

/** Whatever is watched: content by id, a space by key, a label by name. */
export const WatchedParams = Type.Object({
  contentId: Type.Optional(Type.String()),
  spaceKey: Type.Optional(Type.String()),
  labelName: Type.Optional(Type.String()),
});

/**
 * Whose watch: DC by `username` or `key`, Cloud by `accountId`. `contentType` (DC: watch only a space's
 * blog posts) is accepted and ignored: a space watch covers all of its content.
 */
export const WatchQuery = v1QueryOf('username', 'key', 'accountId', 'contentType');
