import type { FastifySchemaValidationError } from 'fastify';
import { badRequest } from '../../domain/errors.ts';
import { refusedPathOf } from '../common/body-refusal.ts';

const bodyRefusal = (names: readonly string[]): Error =>
  names[0] === 'representation'
    ? badRequest('Cannot convert from a representation that is not text', { field: 'representation' })
    : badRequest('body.value must be a string', { field: 'value' });

/** A refused `ContentBodyCreate`, in the words the conversion use case used before the schema. */
export const convertBodyRefusal = (errors: readonly FastifySchemaValidationError[]): Error =>
  bodyRefusal(refusedPathOf(errors));

/** A refused bulk conversion body, worded as the route and its use case worded it before the schema. */
export function bulkConvertBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, index, key, ...rest] = refusedPathOf(errors);
  if (field !== 'conversionInputs' || index === undefined) {
    return badRequest('conversionInputs must be a non-empty array', { field: 'conversionInputs' });
  }
  switch (key) {
    case 'body':
      return bodyRefusal(rest);
    case 'spaceKeyContext':
      return badRequest('spaceKeyContext must be a space key', { field: key });
    case 'contentIdContext':
      return badRequest('contentIdContext must be a content id');
    default:
      return badRequest('Each conversion needs a `to`', { field: 'to' });
  }
}
