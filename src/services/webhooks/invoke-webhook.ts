import { createHmac } from 'node:crypto';
import type { InvocationOutcome, Webhook, WebhookInvocation } from '../../domain/webhook.ts';
import type { Clock } from '../../ports/clock.ts';
import type { WebhookSender } from '../../ports/webhook-sender.ts';

/** No listener holds up delivery to the others for longer than this. */
export const webhookTimeoutMs = 10_000;

export type WebhookTarget = Pick<
  Webhook,
  'url' | 'configuration' | 'credentials' | 'sslVerificationRequired'
>;

/**
 * The headers DC sends: the event id (`X-Event-Key`) and, when the webhook has a secret, the body's
 * HMAC-SHA256 under it (`X-Hub-Signature: sha256=<hex>`, Managing webhooks).
 */
function headersFor(target: WebhookTarget, event: string, body: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Tributary-Webhooks/1',
    'x-event-key': event,
  };
  const secret = target.configuration.secret;
  if (secret)
    headers['x-hub-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return headers;
}

/** One POST of `body` to the target; the outcome as DC counts it. Never throws. */
export async function invokeWebhook(
  deps: { clock: Clock; webhookSender: WebhookSender },
  target: WebhookTarget,
  event: string,
  body: string,
): Promise<Omit<WebhookInvocation, 'id' | 'webhookId'>> {
  const headers = headersFor(target, event, body);
  const sent = { ...headers };
  if (target.credentials) {
    const { username, password } = target.credentials;
    sent.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  const startedAtMs = deps.clock.nowMs();
  let outcome: InvocationOutcome;
  let description: string;
  try {
    const response = await deps.webhookSender.send({
      url: target.url,
      headers: sent,
      body,
      timeoutMs: webhookTimeoutMs,
      verifyTls: target.sslVerificationRequired,
    });
    outcome = response.statusCode >= 200 && response.statusCode < 300 ? 'SUCCESS' : 'FAILURE';
    description = `${response.statusCode}${response.statusText ? ` ${response.statusText}` : ''}`;
  } catch (error) {
    outcome = 'ERROR';
    description = error instanceof Error ? error.message : String(error);
  }
  return {
    event,
    url: target.url,
    requestBody: body,
    // The recorded request never shows the credentials.
    requestHeaders: headers,
    startedAtMs,
    finishedAtMs: deps.clock.nowMs(),
    outcome,
    description,
  };
}
