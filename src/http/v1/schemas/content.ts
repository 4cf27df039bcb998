import { Type } from 'typebox';
import { ContentBodySchema } from '../../common/content-body.ts';
import { IdParams } from '../../common/schemas.ts';
import { Maybe, OptionalBody, QueryValue, v1QueryOf } from './common.ts';

export { IdParams as ContentIdParams };

/** `GET /content`: `spaceKey` and `status` may repeat. */
export const ContentListQuery = Type.Object({
  ...v1QueryOf('start', 'limit', 'expand', 'type', 'title', 'postingDay', 'orderby', 'trigger').properties,
  spaceKey: QueryValue,
  status: QueryValue,
});

export const ContentGetQuery = Type.Object({
  ...v1QueryOf('expand', 'version', 'embeddedContentRender', 'trigger').properties,
  status: QueryValue,
});
export const ContentUpdateQuery = v1QueryOf('expand', 'status', 'conflictPolicy');
export const ContentDeleteQuery = v1QueryOf('status');

/** An id as v1 clients send it in `ancestors` and `container`: a digit string, or a number. */
export const IdRef = Type.Object({ id: Type.Optional(Type.Union([Type.String(), Type.Number()])) });

/** What an attachment's update may change besides its title; other metadata (labels…) is not read here. */
export const AttachmentMetadata = Maybe(
  Type.Object({ mediaType: Type.Optional(Type.String()), comment: Type.Optional(Type.String()) }),
);

/**
 * v1's `Content` as a create or update sends it. Fields are typed; their values (allowed types and
 * statuses, title length, representations, the next version number) are the content use cases' rules.
 * A field v1 clients send as `null` where they mean "not sent" is a `Maybe`.
 */
export const ContentBody = OptionalBody(
  Type.Object({
    type: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    status: Maybe(Type.String()),
    space: Maybe(Type.Object({ key: Type.Optional(Type.String()) })),
    ancestors: Maybe(Type.Array(IdRef)),
    container: Maybe(IdRef),
    body: Maybe(ContentBodySchema),
    version: Maybe(
      Type.Object({
        number: Type.Optional(Type.Number()),
        message: Maybe(Type.String()),
        minorEdit: Maybe(Type.Boolean()),
      }),
    ),
    extensions: Maybe(Type.Object({ location: Type.Optional(Type.String()) })),
    metadata: AttachmentMetadata,
  }),
);
