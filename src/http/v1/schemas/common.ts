import type { FastifySchemaValidationError } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { QueryValue } from '../../common/schemas.ts';

/**
 * A v1 query parameter read once: `normaliseV1Query` has already kept the first of a repeated one, so the
 * route sees a string. Parameters that may repeat (`status`, `spaceKey`…) are `QueryValue`s instead.
 */
export const QueryString = Type.Optional(Type.String());

/** A v1 query string of single-valued parameters; others are ignored, as Confluence ignores them. */
export const v1QueryOf = <Names extends string>(...names: readonly Names[]) =>
  Type.Object(
    Object.fromEntries(names.map((name) => [name, QueryString])) as Record<Names, typeof QueryString>,
  );

/** The paging parameters of every v1 list (`start`, `limit`) with the expansions it takes. */
export const PagedQuery = v1QueryOf('start', 'limit', 'expand');

/** A repeatable query parameter. */
export { QueryValue };

/** A field that may be sent, possibly as JSON `null`, which v1 reads as not sent. */
export const Maybe = <Schema extends TSchema>(schema: Schema) =>
  Type.Optional(Type.Union([schema, Type.Null()]));

/**
 * A JSON object body that may be left out: Fastify validates a missing body as `null`, which v1 reads as
 * `{}` (Confluence answers a bodiless PUT of these as one asking for nothing).
 */
export const OptionalBody = <Schema extends TSchema>(schema: Schema) => Type.Union([schema, Type.Null()]);

/**
 * A route's own wording for a refused body, where clients read Confluence's phrase rather than the
 * schema's; a refused path or query keeps Fastify's wording.
 */
export const bodyRefusedAs =
  (refusal: (errors: readonly FastifySchemaValidationError[]) => Error) =>
  (errors: FastifySchemaValidationError[], dataVar: string): Error =>
    dataVar === 'body'
      ? refusal(errors)
      : new Error(errors.map((error) => `${dataVar}${error.instancePath} ${error.message}`).join(', '));
