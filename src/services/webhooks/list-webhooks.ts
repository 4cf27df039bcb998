import { badRequest } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { isWebhookEventId } from '../../domain/webhook.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import type { WebhookWithStatistics } from './get-webhook.ts';

/** `GET /webhooks`: by id, only those listening to one of `events` when given. */
export async function listWebhooks(
  deps: ServiceDeps,
  principal: Principal,
  events: readonly string[],
  withStatistics: boolean,
  window: Window,
): Promise<Slice<WebhookWithStatistics>> {
  requireAdministrator(principal);
  const unknown = events.find((event) => !isWebhookEventId(event));
  if (unknown !== undefined) throw badRequest(`Unknown webhook event '${unknown}'`, { field: 'event' });
  const slice = await deps.store.webhooks.list(events, window);
  const items: WebhookWithStatistics[] = [];
  for (const webhook of slice.items) {
    items.push(
      withStatistics
        ? { webhook, statistics: await deps.store.webhooks.history(webhook.id, undefined) }
        : { webhook },
    );
  }
  return { items, total: slice.total };
}
