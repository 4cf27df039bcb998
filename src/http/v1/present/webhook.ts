import {
  type InvocationHistory,
  type Webhook,
  type WebhookInvocation,
  webhookEventI18nKey,
} from '../../../domain/webhook.ts';
import { isoOf } from '../../common/time.ts';

const eventOf = (id: string) => ({ id, i18nKey: webhookEventI18nKey(id) });

// Tributary's webhooks are all site-wide: DC's scope for them is `global`.
const globalScope = { type: 'global' };

/**
 * A `RestWebhook` (DC spec), with its id and dates: events as their ids, as the webhooks plugin writes
 * them, for create too (where the spec's `Webhook` shows the plugin's internal objects). The password of
 * its credentials is never shown.
 */
export function presentV1Webhook(webhook: Webhook, statistics?: InvocationHistory) {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    active: webhook.active,
    scopeType: globalScope.type,
    events: webhook.events,
    configuration: webhook.configuration,
    ...(webhook.credentials && { credentials: { username: webhook.credentials.username } }),
    sslVerificationRequired: webhook.sslVerificationRequired,
    createdDate: isoOf(webhook.createdAtMs),
    updatedDate: isoOf(webhook.updatedAtMs),
    ...(statistics && { statistics: presentV1InvocationHistory(statistics) }),
  };
}

/** A java.time.Duration as Jackson writes it, which is what the DC spec's `duration` describes. */
function durationOf(ms: number) {
  return {
    seconds: Math.floor(ms / 1000),
    nano: (ms % 1000) * 1_000_000,
    zero: ms === 0,
    negative: false,
    positive: ms > 0,
    units: [],
  };
}

/** A `DetailedInvocation` (DC spec): one attempt, its request and what came of it. */
export function presentV1Invocation(
  invocation: Omit<WebhookInvocation, 'id' | 'webhookId'> & { id?: number },
) {
  return {
    ...(invocation.id !== undefined && { id: String(invocation.id) }),
    event: eventOf(invocation.event),
    eventScope: globalScope,
    start: isoOf(invocation.startedAtMs),
    finish: isoOf(invocation.finishedAtMs),
    duration: durationOf(Math.max(invocation.finishedAtMs - invocation.startedAtMs, 0)),
    request: {
      method: 'POST',
      url: invocation.url,
      headers: invocation.requestHeaders,
      body: invocation.requestBody,
    },
    result: { outcome: invocation.outcome, description: invocation.description },
  };
}

/**
 * A `RestInvocationHistory` (an empty object in the DC spec): as the Atlassian webhooks plugin answers it,
 * the last success, failure and error, and the counts of each.
 */
export function presentV1InvocationHistory(history: InvocationHistory) {
  return {
    ...(history.lastSuccess && { lastSuccess: presentV1Invocation(history.lastSuccess) }),
    ...(history.lastFailure && { lastFailure: presentV1Invocation(history.lastFailure) }),
    ...(history.lastError && { lastError: presentV1Invocation(history.lastError) }),
    counts: {
      successes: history.counts.SUCCESS,
      failures: history.counts.FAILURE,
      errors: history.counts.ERROR,
    },
  };
}
