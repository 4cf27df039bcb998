import type { Principal } from '../../domain/principal.ts';
import type { Webhook } from '../../domain/webhook.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { type WebhookInput, webhookAuditValues, webhookFromInput } from './webhook-input.ts';

/** `POST /webhooks`: administrators register a URL for the events it names. */
export async function createWebhook(
  deps: ServiceDeps,
  principal: Principal,
  input: WebhookInput,
): Promise<Webhook> {
  requireAdministrator(principal);
  const fields = webhookFromInput(input);
  return deps.store.transaction(async (repositories) => {
    const webhook = await repositories.webhooks.insert(fields, deps.clock.nowMs());
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Administration',
      summary: 'Webhook created',
      objectType: 'webhook',
      objectId: String(webhook.id),
      objectName: webhook.name,
      changes: webhookAuditValues(webhook).map(({ name, value }) => ({ name, before: '', after: value })),
    });
    return webhook;
  });
}
