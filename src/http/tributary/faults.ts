import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RateLimitRule } from '../../config/config.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { type FaultRule, parseFaultRule } from '../../domain/fault-rule.ts';
import { requireAdministrator } from '../../services/auth/require-administrator.ts';
import { sendFailure, toFailure } from '../common/error-handler.ts';
import { DecidedFailure, type HttpFailure, reasonPhrase } from '../common/error-status.ts';
import { methodAsked } from '../common/head-as-get.ts';
import { setRateLimitHeaders } from '../common/rate-limit.ts';
import { cutResponse } from './cut-response.ts';
import { FaultBook, type ListedFault } from './fault-book.ts';

export interface FaultOptions {
  /** Rules in force from the start (TRIBUTARY_FAULTS). */
  rules: readonly FaultRule[];
  contextPath: string;
  /** Where test mode's own routes are, which no rule reaches: rules can always be listed and removed. */
  ownMount: string;
  /** The bucket an injected 429's `X-RateLimit-*` headers describe: the site's own, on or off. */
  rateLimitRule: RateLimitRule;
  /** Told of every fault as it is injected (the request journal records them). */
  onInjected?: (request: FastifyRequest, rule: ListedFault) => void;
}

const FaultParams = Type.Object({ id: Type.String() });

const pathOf = (url: string, contextPath: string) => {
  const path = url.split('?')[0] ?? '';
  return contextPath !== '' && path.startsWith(`${contextPath}/`) ? path.slice(contextPath.length) : path;
};

const isMultipart = (request: FastifyRequest) =>
  /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');

/**
 * Test mode's faults on demand (docs/testing.md, "Faults"): a request hook, after authentication so that a
 * rule can name a user, that applies the first rule matching the request; and the routes that add, list
 * and remove rules, to mount under `ownMount`. Registered only in test mode: otherwise nothing of this
 * runs, and the routes answer 404 as any unknown path does.
 */
export function registerFaults(app: FastifyInstance, options: FaultOptions): FastifyPluginAsync {
  const { contextPath, ownMount, rateLimitRule } = options;
  const book = new FaultBook();
  for (const rule of options.rules) book.add(rule);
  const cuts = new WeakMap<FastifyRequest, number>();

  /** The answer of a failing rule, in the surface's error shape; a 429's words are the rate limit's. */
  function failureOf(rule: ListedFault, request: FastifyRequest, reply: FastifyReply): HttpFailure {
    const status = rule.status ?? 500;
    if (status === 429) {
      const retryAfterSeconds = rule.retryAfter ?? 1;
      setRateLimitHeaders(reply, rateLimitRule, 0, retryAfterSeconds);
      return toFailure(new DomainError('rate_limited', { retryAfterSeconds }), request);
    }
    return {
      status,
      message: `${reasonPhrase(status)} (fault ${rule.id}, injected by test mode)`,
      ...(rule.retryAfter !== undefined && { retryAfterSeconds: rule.retryAfter }),
    };
  }

  app.addHook('onRequest', async (request, reply) => {
    if (book.isEmpty) return;
    const path = pathOf(request.originalUrl, contextPath);
    if (path === ownMount || path.startsWith(`${ownMount}/`)) return;
    const { principal } = request;
    const rule = book.take({
      method: methodAsked(request),
      path,
      username: principal?.kind === 'user' ? principal.user.username : undefined,
      multipart: isMultipart(request),
    });
    if (!rule) return;
    options.onInjected?.(request, rule);
    if (rule.delayMs) await delay(rule.delayMs);
    if (rule.reset) {
      // No answer at all: the request is not served, and the client sees its connection go.
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (rule.cutAfterBytes !== undefined) {
      cuts.set(request, rule.cutAfterBytes);
      return;
    }
    if (rule.failUpload) {
      request.uploadFault = new DecidedFailure(failureOf(rule, request, reply));
      return;
    }
    if (rule.status !== undefined) return sendFailure(reply, failureOf(rule, request, reply));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const maxBytes = cuts.get(request);
    return maxBytes === undefined ? payload : cutResponse(payload, maxBytes, reply);
  });

  return async function faultRoutes(routes: FastifyInstance) {
    routes.post('/faults', async (request, reply) => {
      requireAdministrator(request.principal);
      return reply.code(201).send(book.add(parseFaultRule(request.body)));
    });
    routes.get('/faults', async (request) => {
      requireAdministrator(request.principal);
      return { results: book.list() };
    });
    routes.delete('/faults', async (request, reply) => {
      requireAdministrator(request.principal);
      book.clear();
      return reply.code(204).send();
    });
    routes.delete('/faults/:id', { schema: { params: FaultParams } }, async (request, reply) => {
      requireAdministrator(request.principal);
      const { id } = request.params as { id: string };
      if (!/^\d{1,15}$/.test(id) || !book.remove(Number(id))) throw notFound(`No fault rule with id ${id}`);
      return reply.code(204).send();
    });
  };
}
