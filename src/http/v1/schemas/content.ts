import { Type } from 'typebox';
import { IdParams } from '../../common/schemas.ts';
import { OptionalBody, QueryValue, v1QueryOf } from './common.ts';

export { IdParams as ContentIdParams };

/** `GET /content`: `spaceKey` and `status` may repeat. */
export const ContentListQuery = Type.Object({
  ...v1QueryOf('start', 'limit', 'expand', 'type', 'title', 'postingDay', 'orderby', 'trigger').properties,
  spaceKey: QueryValue,
  status: QueryValue,
});

export const ExpandQuery = v1QueryOf('expand');
export const ContentGetQuery = Type.Object({
  ...v1QueryOf('expand', 'version', 'embeddedContentRender', 'trigger').properties,
  status: QueryValue,
});
export const ContentUpdateQuery = v1QueryOf('expand', 'status', 'conflictPolicy');
export const ContentDeleteQuery = v1QueryOf('status');

/**
 * v1's `Content` as a create or update sends it. Field values are checked by the content use cases, whose
 * refusals (`title is required`, a stale `version.number`…) clients read; the schema names the fields.
 */
export const ContentBody = OptionalBody(
  Type.Object({
    type: Type.Optional(Type.Unknown()),
    title: Type.Optional(Type.Unknown()),
    status: Type.Optional(Type.Unknown()),
    space: Type.Optional(Type.Unknown()),
    ancestors: Type.Optional(Type.Unknown()),
    container: Type.Optional(Type.Unknown()),
    body: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.Unknown()),
    extensions: Type.Optional(Type.Unknown()),
    metadata: Type.Optional(Type.Unknown()),
  }),
);
