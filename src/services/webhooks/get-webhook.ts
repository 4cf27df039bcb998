import type { Principal } from '../../domain/principal.ts';
import type { InvocationHistory, Webhook } from '../../domain/webhook.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWebhook } from './find-webhook.ts';

export interface WebhookWithStatistics {
  webhook: Webhook;
  /** Only when asked for (`statistics=true`). */
  statistics?: InvocationHistory;
}

/** `GET /webhooks/{id}`, with its invocation history when `statistics` is asked for. */
export async function getWebhook(
  deps: ServiceDeps,
  principal: Principal,
  rawId: string,
  withStatistics: boolean,
): Promise<WebhookWithStatistics> {
  requireAdministrator(principal);
  const webhook = await requireWebhook(deps.store.webhooks, rawId);
  if (!withStatistics) return { webhook };
  return { webhook, statistics: await deps.store.webhooks.history(webhook.id, undefined) };
}
