import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyValidationResult } from 'fastify/types/schema.js';
import type { TSchema } from 'typebox';

/**
 * TypeBox's validator compiler, compiling each route's schema on the route's first request rather than
 * at start-up: the server mounts about two thousand routes (each API module under every prefix it
 * answers on) and compiling all their schemas was a fifth of start-up, for routes most processes never
 * call. Validation itself is TypeBox's, unchanged.
 */
export const lazyTypeBoxValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  let validate: FastifyValidationResult | undefined;
  return (value: unknown) => {
    validate ??= TypeBoxValidatorCompiler(route);
    return validate(value);
  };
};
