import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';

/**
 * Pieces the v2 route areas share. Body fields are declared by name with unknown values: Fastify's Ajv
 * coerces body types (`"2"` → 2), which would accept what the input readers refuse today, so their
 * types stay with the readers (content-input.ts) that give Cloud's messages.
 */

/** `…/versions/{version-number}` beside the item's id. */
export const VersionParams = Type.Object({ id: Type.String(), versionNumber: Type.String() });

/** A body field the route's input reader checks; its description says what Cloud accepts. */
export const BodyField = (description: string) => Type.Optional(Type.Unknown({ description }));

/** A JSON object body with the named fields; others are ignored, as Cloud ignores them. */
export const BodyOf = <Fields extends Record<string, ReturnType<typeof BodyField>>>(fields: Fields) =>
  Type.Object(fields);

/** `{representation, value}`: a body in one of the operation's formats. */
export const ContentBodyField = BodyField(
  '{ representation: storage | atlas_doc_format | wiki | raw, value }',
);

/** `{number, message}`: the next version number (Confluence's optimistic lock) and its note. */
export const VersionField = BodyField('{ number: the current version number plus one, message? }');

/** A delete that trashes, or with `purge=true` purges what is already in the trash. */
export const PurgeQuery = queryOf('purge');
