import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';

export const WebhookParams = Type.Object({ webhookId: Type.String() });
export const WebhookListQuery = v1QueryOf('start', 'limit', 'event', 'statistics');
export const StatisticsQuery = v1QueryOf('statistics');
export const TestQuery = v1QueryOf('url');
/** The spec names the outcome parameter both ways. */
export const LatestQuery = v1QueryOf('event', 'outcome', 'outcomes');
export const EventQuery = v1QueryOf('event');

/** An event by id; DC answers with `{id, i18nKey}` objects, and a client echoing one back sends that. */
const WebhookEvent = Type.Union([Type.String(), Type.Object({ id: Type.String() })]);

/** DC's `RestWebhook`; fields left out keep their value on an update. */
export const WebhookBody = Type.Object({
  name: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  events: Type.Optional(Type.Array(WebhookEvent)),
  active: Type.Optional(Type.Boolean()),
  /** Scalars are kept as text; a null value is left out. */
  configuration: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  ),
  /** `null` removes them; a password that is no string is read as none, as before the schema. */
  credentials: Type.Optional(
    Type.Union([
      Type.Object({ username: Type.Optional(Type.String()), password: Type.Optional(Type.Unknown()) }),
      Type.Null(),
    ]),
  ),
  sslVerificationRequired: Type.Optional(Type.Boolean()),
});
