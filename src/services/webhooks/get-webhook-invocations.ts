import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  type InvocationHistory,
  type InvocationOutcome,
  invocationOutcomes,
  isWebhookEventId,
  type WebhookInvocation,
} from '../../domain/webhook.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWebhook } from './find-webhook.ts';

function eventOf(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isWebhookEventId(raw)) throw badRequest(`Unknown webhook event '${raw}'`, { field: 'event' });
  return raw;
}

function outcomesOf(raw: readonly string[]): InvocationOutcome[] {
  return raw.map((text) => {
    const outcome = invocationOutcomes.find((candidate) => candidate === text.toUpperCase());
    if (!outcome) {
      throw badRequest(`outcome must be one of ${invocationOutcomes.join(', ')}, not '${text}'`, {
        field: 'outcome',
      });
    }
    return outcome;
  });
}

/** `GET /webhooks/{id}/latest`: the last attempt, of one event and of the outcomes asked for; none yet: undefined. */
export async function getLatestInvocation(
  deps: ServiceDeps,
  principal: Principal,
  rawId: string,
  query: { event?: string | undefined; outcomes: readonly string[] },
): Promise<WebhookInvocation | undefined> {
  requireAdministrator(principal);
  const webhook = await requireWebhook(deps.store.webhooks, rawId);
  return deps.store.webhooks.latestInvocation(webhook.id, {
    event: eventOf(query.event),
    outcomes: outcomesOf(query.outcomes),
  });
}

/**
 * `GET /webhooks/{id}/statistics` (of one event when given) and `…/statistics/summary`: the last success,
 * failure and error, and how many of each among the attempts kept.
 */
export async function getInvocationHistory(
  deps: ServiceDeps,
  principal: Principal,
  rawId: string,
  rawEvent: string | undefined,
): Promise<InvocationHistory> {
  requireAdministrator(principal);
  const webhook = await requireWebhook(deps.store.webhooks, rawId);
  return deps.store.webhooks.history(webhook.id, eventOf(rawEvent));
}
