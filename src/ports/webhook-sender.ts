/** One HTTP POST to a webhook's URL. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** False accepts a certificate that does not verify (the webhook's `sslVerificationRequired`). */
  verifyTls: boolean;
}

export type WebhookResponse = { statusCode: number; statusText: string };

/** Sends one request; an answer of any status resolves, no answer (refused, reset, timed out) rejects. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}
