import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWebhook } from './find-webhook.ts';
import { webhookAuditValues } from './webhook-input.ts';

/** `DELETE /webhooks/{id}`: the webhook goes with its queued deliveries and its invocation history. */
export async function deleteWebhook(deps: ServiceDeps, principal: Principal, rawId: string): Promise<void> {
  requireAdministrator(principal);
  await deps.store.transaction(async (repositories) => {
    const webhook = await requireWebhook(repositories.webhooks, rawId);
    await repositories.webhooks.remove(webhook.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Administration',
      summary: 'Webhook deleted',
      objectType: 'webhook',
      objectId: String(webhook.id),
      objectName: webhook.name,
      changes: webhookAuditValues(webhook).map(({ name, value }) => ({ name, before: value, after: '' })),
    });
  });
}
