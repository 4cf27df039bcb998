import type { FastifyInstance } from 'fastify';
import { booleanFromText } from '../../../domain/boolean-text.ts';
import { badRequest } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createWebhook } from '../../../services/webhooks/create-webhook.ts';
import { deleteWebhook } from '../../../services/webhooks/delete-webhook.ts';
import { getWebhook } from '../../../services/webhooks/get-webhook.ts';
import {
  getInvocationHistory,
  getLatestInvocation,
} from '../../../services/webhooks/get-webhook-invocations.ts';
import { listWebhooks } from '../../../services/webhooks/list-webhooks.ts';
import { testWebhook } from '../../../services/webhooks/test-webhook.ts';
import { updateWebhook } from '../../../services/webhooks/update-webhook.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Invocation, presentV1InvocationHistory, presentV1Webhook } from '../present/webhook.ts';
import { joinedValue } from '../query-values.ts';
import {
  EventQuery,
  LatestQuery,
  StatisticsQuery,
  TestQuery,
  WebhookBody,
  WebhookListQuery,
  WebhookParams,
} from '../schemas/webhooks.ts';
import { webhookBodyRefusal, webhookInputOf } from '../webhook-input.ts';

// DC spec: `limit` defaults to 100.
const webhookListRules = { defaultLimit: 100, maxLimit: 100 };

/** `a&a` or `a,b`, as DC's Jersey resources take lists. */
const listOf = (raw: string | string[] | undefined) =>
  [raw ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

function flagOf(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  const flag = booleanFromText(raw);
  if (flag === undefined) throw badRequest(`${name} must be true or false, not '${raw}'`, { field: name });
  return flag;
}

/** Webhooks (Data Center `/rest/api/webhooks…`): site administrators only, as in Confluence. */
export function v1WebhookRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/webhooks', { schema: { querystring: WebhookListQuery } }, async (request) => {
      const window = windowOf(request.query, webhookListRules);
      const slice = await listWebhooks(
        deps,
        request.principal,
        listOf(request.query.event),
        flagOf(request.query.statistics, 'statistics'),
        window,
      );
      return pageOf(request, slice, window, (item) => presentV1Webhook(item.webhook, item.statistics));
    });

    const refused = bodyRefusedAs(webhookBodyRefusal);
    app.post(
      '/webhooks',
      { schema: { body: WebhookBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        const webhook = await createWebhook(deps, request.principal, webhookInputOf(request.body));
        return reply.status(201).send(presentV1Webhook(webhook));
      },
    );

    app.post('/webhooks/test', { schema: { querystring: TestQuery } }, async (request) =>
      presentV1Invocation(await testWebhook(deps, request.principal, request.query.url)),
    );

    app.get(
      '/webhooks/:webhookId',
      { schema: { params: WebhookParams, querystring: StatisticsQuery } },
      async (request) => {
        const found = await getWebhook(
          deps,
          request.principal,
          request.params.webhookId,
          flagOf(request.query.statistics, 'statistics'),
        );
        return presentV1Webhook(found.webhook, found.statistics);
      },
    );

    app.put(
      '/webhooks/:webhookId',
      { schema: { params: WebhookParams, body: WebhookBody }, schemaErrorFormatter: refused },
      async (request) =>
        presentV1Webhook(
          await updateWebhook(
            deps,
            request.principal,
            request.params.webhookId,
            webhookInputOf(request.body),
          ),
        ),
    );

    app.delete('/webhooks/:webhookId', { schema: { params: WebhookParams } }, async (request, reply) => {
      await deleteWebhook(deps, request.principal, request.params.webhookId);
      return reply.status(204).send();
    });

    app.get(
      '/webhooks/:webhookId/latest',
      { schema: { params: WebhookParams, querystring: LatestQuery } },
      async (request, reply) => {
        const invocation = await getLatestInvocation(deps, request.principal, request.params.webhookId, {
          event: joinedValue(request.query.event),
          // The spec names the parameter both ways.
          outcomes: listOf(request.query.outcome ?? request.query.outcomes),
        });
        // Never invoked (with that event and outcome): nothing to show, as the webhooks plugin answers.
        if (!invocation) return reply.status(204).send();
        return presentV1Invocation(invocation);
      },
    );

    app.get(
      '/webhooks/:webhookId/statistics',
      { schema: { params: WebhookParams, querystring: EventQuery } },
      async (request) =>
        presentV1InvocationHistory(
          await getInvocationHistory(
            deps,
            request.principal,
            request.params.webhookId,
            joinedValue(request.query.event),
          ),
        ),
    );

    app.get(
      '/webhooks/:webhookId/statistics/summary',
      { schema: { params: WebhookParams } },
      async (request) => {
        const history = await getInvocationHistory(
          deps,
          request.principal,
          request.params.webhookId,
          undefined,
        );
        return { counts: presentV1InvocationHistory(history).counts };
      },
    );
  };
}
