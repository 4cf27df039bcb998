import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { accountIdsRefusal } from '../../services/users/find-users-by-account-ids.ts';
import { type EmailsRequest, emailsRefusal } from '../../services/users/site-access-by-email.ts';
import type { AccountIdsBody, EmailsBody } from './schemas/users.ts';

const hasItemError = (errors: readonly FastifySchemaValidationError[], field: string) =>
  errors.some((error) => error.instancePath.startsWith(`/${field}/`));

/** A refused `users-bulk` body in the words it had before schemas: an item that is no string, else the list. */
export function accountIdsBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  if (hasItemError(errors, 'accountIds')) return badRequest('accountIds must contain only strings');
  return badRequest(accountIdsRefusal);
}

/** A refused site-access body, worded as `accountIdsBodyRefusal` is. */
export function emailsBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  if (hasItemError(errors, 'emails')) {
    return badRequest('emails must contain only strings', { field: 'emails' });
  }
  return badRequest(emailsRefusal, { field: 'emails' });
}

export const accountIdsOf = (body: Static<typeof AccountIdsBody>): readonly string[] =>
  body?.accountIds ?? [];

export const emailsRequestOf = (body: Static<typeof EmailsBody>): EmailsRequest => ({
  emails: body?.emails ?? [],
});
