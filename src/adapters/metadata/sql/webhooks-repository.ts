import type { Kysely, Selectable } from 'kysely';
import {
  type InvocationOutcome,
  invocationOutcomes,
  isWebhookEventId,
  type Webhook,
  type WebhookInvocation,
} from '../../../domain/webhook.ts';
import type { WebhooksRepository } from '../../../ports/webhook-store.ts';
import type { Tables } from './tables.ts';
import type { WebhookInvocationsTable, WebhooksTable } from './webhook-tables.ts';

function toWebhook(row: Selectable<WebhooksTable>, events: string[]): Webhook {
  return {
    id: Number(row.id),
    name: row.name,
    url: row.url,
    events: events.filter(isWebhookEventId),
    active: row.active === 1,
    configuration: JSON.parse(row.configuration_json) as Record<string, string>,
    credentials: row.credentials_json === null ? null : JSON.parse(row.credentials_json),
    sslVerificationRequired: row.ssl_verification_required === 1,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

function toInvocation(row: Selectable<WebhookInvocationsTable>): WebhookInvocation {
  return {
    id: Number(row.id),
    webhookId: Number(row.webhook_id),
    event: row.event,
    url: row.url,
    requestBody: row.request_body,
    requestHeaders: JSON.parse(row.request_headers_json) as Record<string, string>,
    outcome: row.outcome as InvocationOutcome,
    description: row.description,
    startedAtMs: Number(row.started_at_ms),
    finishedAtMs: Number(row.finished_at_ms),
  };
}

export function sqlWebhooksRepository(db: Kysely<Tables>): WebhooksRepository {
  async function withEvents(rows: Selectable<WebhooksTable>[]): Promise<Webhook[]> {
    if (rows.length === 0) return [];
    const events = await db
      .selectFrom('webhook_events')
      .select(['webhook_id', 'event'])
      .where(
        'webhook_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('event')
      .execute();
    return rows.map((row) =>
      toWebhook(
        row,
        events.filter((event) => Number(event.webhook_id) === Number(row.id)).map((event) => event.event),
      ),
    );
  }

  async function replaceEvents(webhookId: number, events: readonly string[]) {
    await db.deleteFrom('webhook_events').where('webhook_id', '=', webhookId).execute();
    if (events.length === 0) return;
    await db
      .insertInto('webhook_events')
      .values(events.map((event) => ({ webhook_id: webhookId, event })))
      .execute();
  }

  const columnsOf = (webhook: Parameters<WebhooksRepository['insert']>[0]) => ({
    name: webhook.name,
    url: webhook.url,
    active: webhook.active ? 1 : 0,
    configuration_json: JSON.stringify(webhook.configuration),
    credentials_json: webhook.credentials ? JSON.stringify(webhook.credentials) : null,
    ssl_verification_required: webhook.sslVerificationRequired ? 1 : 0,
  });

  async function findById(id: number) {
    const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await withEvents([row]))[0];
  }

  async function latest(webhookId: number, event: string | undefined, outcomes: readonly string[]) {
    let query = db
      .selectFrom('webhook_invocations')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .where('outcome', 'in', outcomes);
    if (event !== undefined) query = query.where('event', '=', event);
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row && toInvocation(row);
  }

  return {
    async insert(webhook, nowMs) {
      const row = await db
        .insertInto('webhooks')
        .values({ ...columnsOf(webhook), created_at_ms: nowMs, updated_at_ms: nowMs })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceEvents(Number(row.id), webhook.events);
      return (await findById(Number(row.id))) as Webhook;
    },
    findById,
    async list(events, window) {
      let query = db.selectFrom('webhooks');
      if (events.length > 0) {
        query = query.where('id', 'in', (eb) =>
          eb.selectFrom('webhook_events').select('webhook_id').where('event', 'in', events),
        );
      }
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('id').limit(window.limit).offset(window.start).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await withEvents(rows), total: Number(total.n) };
    },
    async update(id, webhook, nowMs) {
      await db
        .updateTable('webhooks')
        .set({ ...columnsOf(webhook), updated_at_ms: nowMs })
        .where('id', '=', id)
        .execute();
      await replaceEvents(id, webhook.events);
      return (await findById(id)) as Webhook;
    },
    async remove(id) {
      await db.deleteFrom('webhooks').where('id', '=', id).execute();
    },
    async enqueue(event, payload, nowMs) {
      const result = await db
        .insertInto('webhook_deliveries')
        .columns(['webhook_id', 'event', 'payload', 'attempts', 'next_attempt_at_ms', 'created_at_ms'])
        .expression((eb) =>
          eb
            .selectFrom('webhooks as w')
            .innerJoin('webhook_events as e', 'e.webhook_id', 'w.id')
            .where('e.event', '=', event)
            .where('w.active', '=', 1)
            .select((s) => [
              'w.id',
              s.val(event).as('event'),
              s.val(payload).as('payload'),
              s.lit(0).as('attempts'),
              s.val(nowMs).as('next_attempt_at_ms'),
              s.val(nowMs).as('created_at_ms'),
            ]),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },
    async due(nowMs, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('next_attempt_at_ms', '<=', nowMs)
        .orderBy('next_attempt_at_ms')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.flatMap((row) =>
        isWebhookEventId(row.event)
          ? [
              {
                id: Number(row.id),
                webhookId: Number(row.webhook_id),
                event: row.event,
                payload: row.payload,
                attempts: Number(row.attempts),
                nextAttemptAtMs: Number(row.next_attempt_at_ms),
              },
            ]
          : [],
      );
    },
    async claim(deliveryId, nextAttemptAtMs, untilMs) {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at_ms: untilMs })
        .where('id', '=', deliveryId)
        .where('next_attempt_at_ms', '=', nextAttemptAtMs)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async postpone(deliveryId, attempts, nextAttemptAtMs) {
      await db
        .updateTable('webhook_deliveries')
        .set({ attempts, next_attempt_at_ms: nextAttemptAtMs })
        .where('id', '=', deliveryId)
        .execute();
    },
    async finish(deliveryId) {
      await db.deleteFrom('webhook_deliveries').where('id', '=', deliveryId).execute();
    },
    async recordInvocation(invocation, keep) {
      const row = await db
        .insertInto('webhook_invocations')
        .values({
          webhook_id: invocation.webhookId,
          event: invocation.event,
          url: invocation.url,
          request_body: invocation.requestBody,
          request_headers_json: JSON.stringify(invocation.requestHeaders),
          outcome: invocation.outcome,
          description: invocation.description,
          started_at_ms: invocation.startedAtMs,
          finished_at_ms: invocation.finishedAtMs,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const oldestKept = await db
        .selectFrom('webhook_invocations')
        .select('id')
        .where('webhook_id', '=', invocation.webhookId)
        .orderBy('id', 'desc')
        .offset(keep - 1)
        .limit(1)
        .executeTakeFirst();
      if (oldestKept) {
        await db
          .deleteFrom('webhook_invocations')
          .where('webhook_id', '=', invocation.webhookId)
          .where('id', '<', oldestKept.id)
          .execute();
      }
      return toInvocation(row);
    },
    latestInvocation: (webhookId, filter) =>
      latest(webhookId, filter.event, filter.outcomes?.length ? filter.outcomes : invocationOutcomes),
    async history(webhookId, event) {
      let counts = db
        .selectFrom('webhook_invocations')
        .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
        .where('webhook_id', '=', webhookId);
      if (event !== undefined) counts = counts.where('event', '=', event);
      const rows = await counts.groupBy('outcome').execute();
      const countOf = (outcome: InvocationOutcome) =>
        Number(rows.find((row) => row.outcome === outcome)?.n ?? 0);
      return {
        lastSuccess: await latest(webhookId, event, ['SUCCESS']),
        lastFailure: await latest(webhookId, event, ['FAILURE']),
        lastError: await latest(webhookId, event, ['ERROR']),
        counts: { SUCCESS: countOf('SUCCESS'), FAILURE: countOf('FAILURE'), ERROR: countOf('ERROR') },
      };
    },
  };
}
