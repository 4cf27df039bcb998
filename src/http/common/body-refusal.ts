import type { FastifySchemaValidationError } from 'fastify';

const namesOf = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));

/**
 * Where in the body a schema refused it, as field names (`/configuration/a~1b` is `configuration`, `a/b`):
 * the first field refused, as deep as its refusal goes (a union refuses a field at each depth it tried);
 * empty when the body as a whole is refused. A route's refusal words the field as its use case did.
 */
export function refusedPathOf(errors: readonly FastifySchemaValidationError[]): string[] {
  const [field] = errors.map((error) => namesOf(error.instancePath)).filter((names) => names.length > 0);
  if (!field) return [];
  return errors
    .map((error) => namesOf(error.instancePath))
    .filter((names) => names[0] === field[0])
    .reduce((deepest, names) => (names.length > deepest.length ? names : deepest), field);
}

/** A body refused in the schema's own words (Fastify's), where no use case worded the field. */
export const schemaRefusal = (errors: readonly FastifySchemaValidationError[]): Error =>
  new Error(errors.map((error) => `body${error.instancePath} ${error.message}`).join(', '));

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
