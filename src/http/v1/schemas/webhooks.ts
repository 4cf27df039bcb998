import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

export const WebhookParams = Type.Object({ webhookId: Type.String() });
export const WebhookListQuery = v1QueryOf('start', 'limit', 'event', 'statistics');
export const StatisticsQuery = v1QueryOf('statistics');
export const TestQuery = v1QueryOf('url');
/** The spec names the outcome parameter both ways. */
export const LatestQuery = v1QueryOf('event', 'outcome', 'outcomes');
export const EventQuery = v1QueryOf('event');

/** DC's `RestWebhook`, checked field by field by the webhook use cases. */
export const WebhookBody = FieldsBody('name', 'url', 'events', 'configuration', 'active', 'credentials');
