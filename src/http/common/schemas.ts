import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/**
 * The building blocks of every surface's `schemas/`. A route declares its params, query and body with
 * these; Fastify validates them before the handler runs and the handler sees typed input.
 */

/** A route module's app, seeing each route's input as its schema types it. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

/**
 * A query parameter as Fastify parses it: once a string, repeated an array. Confluence reads the first
 * of a repeated single-valued parameter (`limit=1&limit=2` is 1), so both forms are accepted here and
 * the surface's readers (`oneOf`, `limitOf`…) give them meaning.
 */
export const QueryValue = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));

/** A query string of the named parameters; others are ignored, as Confluence ignores them. */
export const queryOf = <Names extends string>(...names: readonly Names[]) =>
  Type.Object(
    Object.fromEntries(names.map((name) => [name, QueryValue])) as Record<Names, typeof QueryValue>,
  );

/** A path id as the router hands it over; each surface's id reader (`v2IdOf`, `parseContentId`) checks it. */
export const IdParams = Type.Object({ id: Type.String() });

/** A JSON body that must be an object; its fields are read by the surface's input readers. */
export const JsonObjectBody = Type.Record(Type.String(), Type.Unknown());

/**
 * A query parameter on a surface with the v1 envelope (v1, Extender, downloads): `normaliseV1Query` has
 * already kept the first of a repeated single-valued parameter, so it arrives as one string.
 */
export const QueryText = Type.Optional(Type.String());
