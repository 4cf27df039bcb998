import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { adminKeyMinutesRefusal } from '../../domain/admin-key.ts';
import { badRequest } from '../../domain/errors.ts';
import type { AdminKeyRequest } from '../../services/permissions/admin-keys.ts';
import type { AdminKeyBody } from './schemas/admin-key.ts';

/** A refused body in the words it had before schemas: the duration's range, else what the body must be. */
export function adminKeyBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  if (errors.some((error) => error.instancePath.startsWith('/durationInMinutes'))) {
    return badRequest(adminKeyMinutesRefusal, { field: 'durationInMinutes' });
  }
  return badRequest('The body must be a JSON object: {"durationInMinutes": n}', {
    field: 'durationInMinutes',
  });
}

/** No body, and a `null` duration, ask for the default as an absent one does. */
export const adminKeyRequestOf = (body: Static<typeof AdminKeyBody>): AdminKeyRequest => ({
  durationInMinutes: body?.durationInMinutes ?? undefined,
});
