import { STATUS_CODES } from 'node:http';
import type { Agent } from 'undici';
import type { WebhookRequest, WebhookSender } from '../../ports/webhook-sender.ts';

/**
 * Webhook POSTs over undici. Redirects are not followed (a listener that moved answers 3xx, a FAILURE);
 * the answer's body is read and dropped. A webhook that does not require verification gets an agent that
 * accepts any certificate.
 */
export function httpWebhookSender(): WebhookSender & { close(): Promise<void> } {
  // undici loads with the first webhook sent, not at start-up: most sites never send one.
  let agents:
    | Promise<{ request: typeof import('undici').request; verifying: Agent; lenient: Agent }>
    | undefined;
  const loadAgents = async () => {
    const { Agent, request } = await import('undici');
    return {
      request,
      verifying: new Agent({ connections: 8 }),
      lenient: new Agent({ connections: 8, connect: { rejectUnauthorized: false } }),
    };
  };
  return {
    async send(webhookRequest: WebhookRequest) {
      const url = new URL(webhookRequest.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`Webhooks are sent over http or https only, not ${url.protocol}`);
      }
      agents ??= loadAgents();
      const { request, verifying, lenient } = await agents;
      const response = await request(url, {
        method: 'POST',
        headers: webhookRequest.headers,
        body: webhookRequest.body,
        dispatcher: webhookRequest.verifyTls ? verifying : lenient,
        signal: AbortSignal.timeout(webhookRequest.timeoutMs),
        headersTimeout: webhookRequest.timeoutMs,
        bodyTimeout: webhookRequest.timeoutMs,
      });
      await response.body.dump();
      return { statusCode: response.statusCode, statusText: STATUS_CODES[response.statusCode] ?? '' };
    },
    async close() {
      if (!agents) return;
      const { verifying, lenient } = await agents;
      await Promise.all([verifying.close(), lenient.close()]);
    },
  };
}
