import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { type WebhookInput, webhookEventsRule } from '../../services/webhooks/webhook-input.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { WebhookBody } from './schemas/webhooks.ts';

/** A refused webhook body, in the words the webhook use cases used before the schema checked it. */
export function webhookBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, key] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the webhook');
    case 'events':
      return badRequest(webhookEventsRule, { field });
    case 'active':
    case 'sslVerificationRequired':
      return badRequest(`${field} must be true or false`, { field });
    case 'configuration':
      return key === undefined
        ? badRequest('configuration must be an object', { field })
        : badRequest(`configuration.${key} must be a string`, { field });
    case 'credentials':
      return key === undefined
        ? badRequest('credentials must be an object', { field })
        : badRequest('credentials.username is required', { field: 'credentials.username' });
    default:
      return badRequest(`${field} is required`, { field });
  }
}

/** The webhook a POST or PUT body describes, each field as the use case reads it. */
export function webhookInputOf(body: Static<typeof WebhookBody>): WebhookInput {
  const { configuration, credentials } = body;
  return {
    name: body.name,
    url: body.url,
    events: body.events?.map((event) => (typeof event === 'string' ? event : event.id)),
    active: body.active,
    configuration:
      configuration &&
      Object.fromEntries(
        Object.entries(configuration).flatMap(([key, value]) =>
          value === null ? [] : [[key, String(value)]],
        ),
      ),
    credentials: credentials && {
      username: credentials.username,
      password: typeof credentials.password === 'string' ? credentials.password : '',
    },
    sslVerificationRequired: body.sslVerificationRequired,
  };
}
