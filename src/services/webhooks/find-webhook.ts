import { badRequest, notFound } from '../../domain/errors.ts';
import type { Webhook } from '../../domain/webhook.ts';
import type { WebhooksRepository } from '../../ports/webhook-store.ts';

export function webhookIdOf(raw: string): number {
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw badRequest(`webhookId must be a whole number, not '${raw}'`);
  return id;
}

export async function requireWebhook(webhooks: WebhooksRepository, rawId: string): Promise<Webhook> {
  const id = webhookIdOf(rawId);
  const webhook = await webhooks.findById(id);
  if (!webhook) throw notFound(`No webhook found with id ${id}`, { webhookId: id });
  return webhook;
}
