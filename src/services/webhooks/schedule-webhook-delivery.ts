import type { PendingDelivery } from '../../domain/webhook.ts';
import type { ServiceDeps } from '../deps.ts';
import { invokeWebhook, webhookTimeoutMs } from './invoke-webhook.ts';

export interface WebhookDelivery {
  /** Stops looking for due deliveries and waits for the attempts under way. */
  stop(): Promise<void>;
}

export interface WebhookDeliveryOptions {
  /** How often the queue is looked at for deliveries that fell due. */
  everyMs: number;
  /** The wait after each failed attempt; one more attempt than there are delays, then it is dropped. */
  retryDelaysMs: readonly number[];
  onError: (error: unknown) => void;
}

/** Attempts per webhook kept for `latest` and `statistics`. */
const invocationsKept = 200;
/** Deliveries attempted at once, so one slow listener does not hold up a burst of events. */
const batchSize = 16;

/** Long enough for an attempt and its bookkeeping; a delivery claimed by a process that died waits this long. */
const claimMs = 6 * webhookTimeoutMs;

export const defaultRetryDelaysMs: readonly number[] = [1_000, 5_000, 30_000, 120_000];

/**
 * Sends queued events after their change commits (the queue row is written in its transaction), off the
 * request path: a failed attempt is tried again after the next delay, and each attempt's outcome is kept.
 * Every process of a site delivers; each delivery is claimed first, so only one of them sends it.
 */
export function scheduleWebhookDelivery(deps: ServiceDeps, options: WebhookDeliveryOptions): WebhookDelivery {
  const { webhooks } = deps.store;

  async function deliver(delivery: PendingDelivery) {
    const claimed = await webhooks.claim(delivery.id, delivery.nextAttemptAtMs, deps.clock.nowMs() + claimMs);
    if (!claimed) return;
    const webhook = await webhooks.findById(delivery.webhookId);
    if (!webhook?.active) return webhooks.finish(delivery.id);
    const attempt = await invokeWebhook(deps, webhook, delivery.event, delivery.payload);
    await webhooks.recordInvocation({ ...attempt, webhookId: webhook.id }, invocationsKept);
    const attempts = delivery.attempts + 1;
    const delayMs = options.retryDelaysMs[attempts - 1];
    if (attempt.outcome === 'SUCCESS' || delayMs === undefined) return webhooks.finish(delivery.id);
    return webhooks.postpone(delivery.id, attempts, deps.clock.nowMs() + delayMs);
  }

  // Bounded, so a delivery that keeps failing to be recorded cannot spin a pass forever.
  async function pass() {
    for (let batch = 0; batch < 8; batch += 1) {
      const due = await webhooks.due(deps.clock.nowMs(), batchSize);
      if (due.length === 0) return;
      await Promise.all(due.map((delivery) => deliver(delivery).catch(options.onError)));
      if (due.length < batchSize) return;
    }
  }

  let running: Promise<void> | undefined;
  const run = () => {
    running ??= pass()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
