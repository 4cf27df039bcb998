import type { Slice, Window } from '../domain/paging.ts';
import type {
  InvocationHistory,
  InvocationOutcome,
  NewWebhook,
  PendingDelivery,
  Webhook,
  WebhookEventId,
  WebhookInvocation,
} from '../domain/webhook.ts';

export interface WebhooksRepository {
  insert(webhook: NewWebhook, nowMs: number): Promise<Webhook>;
  findById(id: number): Promise<Webhook | undefined>;
  /** By id; only those listening to one of `events` when given. */
  list(events: readonly string[], window: Window): Promise<Slice<Webhook>>;
  /** Replaces every field; the webhook exists. */
  update(id: number, webhook: NewWebhook, nowMs: number): Promise<Webhook>;
  /** The webhook, its pending deliveries and its invocations. */
  remove(id: number): Promise<void>;
  /** Queues `payload` for each active webhook listening to `event`; answers how many were queued. */
  enqueue(event: WebhookEventId, payload: string, nowMs: number): Promise<number>;
  /** Up to `limit` deliveries due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): Promise<PendingDelivery[]>;
  /**
   * Claims a due delivery for one process: moves its next attempt to `untilMs` only if it is still the
   * `nextAttemptAtMs` that `due` answered, so of several processes seeing it due exactly one wins. Should
   * the winner die before finishing or postponing it, the delivery falls due again at `untilMs`.
   */
  claim(deliveryId: number, nextAttemptAtMs: number, untilMs: number): Promise<boolean>;
  postpone(deliveryId: number, attempts: number, nextAttemptAtMs: number): Promise<void>;
  /** Forgets a delivery that succeeded or ran out of attempts. */
  finish(deliveryId: number): Promise<void>;
  /** Keeps the latest `keep` invocations of the webhook. */
  recordInvocation(invocation: Omit<WebhookInvocation, 'id'>, keep: number): Promise<WebhookInvocation>;
  latestInvocation(
    webhookId: number,
    filter: { event?: string | undefined; outcomes?: readonly InvocationOutcome[] | undefined },
  ): Promise<WebhookInvocation | undefined>;
  history(webhookId: number, event: string | undefined): Promise<InvocationHistory>;
}
