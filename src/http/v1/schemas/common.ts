import { type TOptional, type TSchema, type TUnknown, Type } from 'typebox';
import { QueryValue } from '../../common/schemas.ts';
import { multiValuedKeys } from '../query-values.ts';

/**
 * A v1 query parameter read once: `normaliseV1Query` has already kept the first of a repeated one, so the
 * route sees a string. Parameters that may repeat (`status`, `spaceKey`…) are `QueryValue`s instead.
 */
export const QueryString = Type.Optional(Type.String());

type MultiValuedKey = (typeof multiValuedKeys)[number];
const multiValued = new Set<string>(multiValuedKeys);

/**
 * A v1 query string of the named parameters: those that may repeat (query-values.ts) as `QueryValue`s,
 * the others as strings. Parameters not named are ignored, as Confluence ignores them.
 */
export const v1QueryOf = <Names extends string>(...names: readonly Names[]) =>
  Type.Object(
    Object.fromEntries(names.map((name) => [name, multiValued.has(name) ? QueryValue : QueryString])) as {
      [Name in Names]: Name extends MultiValuedKey ? typeof QueryValue : typeof QueryString;
    },
  );

/** The paging parameters of every v1 list (`start`, `limit`) with the expansions it takes. */
export const PagedQuery = v1QueryOf('start', 'limit', 'expand');

/** `start` and `limit` alone, for lists whose items take no expansions. */
export const StartLimitQuery = v1QueryOf('start', 'limit');

/** The expansions of a route that answers with one thing. */
export const ExpandQuery = v1QueryOf('expand');

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
 * A JSON object body (or none) naming the fields a use case reads. Their values are checked by the use
 * case, whose refusals carry the wording clients match; the schema names what is read.
 */
export const FieldsBody = <Names extends string>(...names: readonly Names[]) =>
  OptionalBody(
    Type.Object(
      Object.fromEntries(names.map((name) => [name, Type.Optional(Type.Unknown())])) as Record<
        Names,
        TOptional<TUnknown>
      >,
    ),
  );
