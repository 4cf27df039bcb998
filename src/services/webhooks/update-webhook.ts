import type { Principal } from '../../domain/principal.ts';
import type { Webhook } from '../../domain/webhook.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireWebhook } from './find-webhook.ts';
import { type WebhookInput, webhookAuditValues, webhookFromInput } from './webhook-input.ts';

/** `PUT /webhooks/{id}`: the fields given replace the webhook's; deliveries already queued still go. */
export async function updateWebhook(
  deps: ServiceDeps,
  principal: Principal,
  rawId: string,
  input: WebhookInput,
): Promise<Webhook> {
  requireAdministrator(principal);
  return deps.store.transaction(async (repositories) => {
    const current = await requireWebhook(repositories.webhooks, rawId);
    const updated = await repositories.webhooks.update(
      current.id,
      webhookFromInput(input, current),
      deps.clock.nowMs(),
    );
    const before = webhookAuditValues(current);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Administration',
      summary: 'Webhook updated',
      objectType: 'webhook',
      objectId: String(updated.id),
      objectName: updated.name,
      changes: webhookAuditValues(updated).map(({ name, value }, index) => ({
        name,
        before: before[index]?.value,
        after: value,
      })),
    });
    return updated;
  });
}
