import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyValidationResult } from 'fastify/types/schema.js';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/**
 * TypeBox's validator compiler, compiling each route's schema on the route's first request rather than
 * at start-up: most processes never call most routes, and compiling all their schemas was a fifth of
 * start-up.
 */
export const lazyTypeBoxValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  let validate: FastifyValidationResult | undefined;
  return (value: unknown) => {
    validate ??= route.httpPart === 'body' ? TypeBoxValidatorCompiler(route) : stringsFirst(route.schema);
    return validate(value);
  };
};

/**
 * Query strings, paths and headers arrive as strings (or arrays of them), which is what their schemas ask
 * (schemas.ts). So the compiled check runs on them as they are, and TypeBox's conversion, an interpreted
 * walk of the schema that cost a tenth of a cheap GET, runs only when that check fails; then it goes
 * as TypeBox's own compiler does: convert, check, and report the errors of the converted value.
 */
function stringsFirst(schema: TSchema): FastifyValidationResult {
  const compiled = Compile(schema);
  return (value: unknown) => {
    if (compiled.Check(value)) return { value };
    const converted = Value.Convert(schema, value);
    return compiled.Check(converted) ? { value: converted } : { error: compiled.Errors(converted) };
  };
}
