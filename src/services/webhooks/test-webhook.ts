import type { Principal } from '../../domain/principal.ts';
import type { WebhookInvocation } from '../../domain/webhook.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { invokeWebhook } from './invoke-webhook.ts';
import { webhookUrlOf } from './webhook-input.ts';

/**
 * `POST /webhooks/test?url=`: sends a test event to the URL now and reports what came back, as DC's "Test
 * connection" button does. Nothing is stored.
 */
export async function testWebhook(
  deps: ServiceDeps,
  principal: Principal,
  rawUrl: string | undefined,
): Promise<Omit<WebhookInvocation, 'id' | 'webhookId'>> {
  requireAdministrator(principal);
  const url = webhookUrlOf(rawUrl);
  const body = JSON.stringify({ test: true, event: 'test', timestamp: deps.clock.nowMs() });
  return invokeWebhook(
    deps,
    { url, configuration: {}, credentials: null, sslVerificationRequired: true },
    'test',
    body,
  );
}
