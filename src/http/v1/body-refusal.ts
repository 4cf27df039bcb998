import type { FastifySchemaValidationError } from 'fastify';

/**
 * Where in the body a schema refused it, as field names (`/configuration/a~1b` is `configuration`, `a/b`);
 * empty when the body as a whole is refused. A route's refusal words the field the way its use case did.
 */
export function refusedPathOf(errors: readonly FastifySchemaValidationError[]): string[] {
  const path = errors.find((error) => error.instancePath !== '')?.instancePath ?? '';
  return path
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}
