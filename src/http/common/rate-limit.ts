import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RateLimitRule, RateLimits } from '../../config/config.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { RequestBuckets } from '../../services/rate-limits/request-buckets.ts';
import { servletRoutePattern } from './surface.ts';

export interface RateLimitOptions {
  limits: RateLimits;
  /** The metrics registry, when `/metrics` is on: refusals are counted there. */
  registry?: Registry | undefined;
  nowMs?: () => number;
}

type BucketKind = 'user' | 'app' | 'anonymous';

interface Charged {
  key: string;
  kind: BucketKind;
  rule: RateLimitRule;
}

/**
 * Data Center limits REST API requests, a `JSESSIONID` cookie's included, and not its own pages: here the
 * REST surfaces and the download servlet whatever authenticates them, the session cookie too (a script
 * can sign in at the form and read with the cookie, needing no CSRF token for a GET), and not the web
 * interface's screens and assets (see docs/rate-limiting.md). The APIs are told by their surface.
 */
function isLimited(request: FastifyRequest): boolean {
  if (request.principal === null) return false;
  return request.surface.api !== 'other' || servletRoutePattern.test(request.routeOptions.url ?? '');
}

/**
 * Whose bucket a request draws on: an app's token counts against the app (all its tokens share one
 * bucket, whoever they act as); a user's own credentials against the user; no credentials against the
 * client's address. Undefined: not limited.
 */
function chargedOf(principal: Principal, ip: string, limits: RateLimits): Charged | undefined {
  const ruled = (key: string, kind: BucketKind, override: string | undefined): Charged | undefined => {
    const rule = (override !== undefined && limits.overrides.get(override)) || limits.rule;
    return rule === 'unlimited' ? undefined : { key, kind, rule };
  };
  if (principal.kind === 'anonymous') return ruled(`address:${ip}`, 'anonymous', undefined);
  if (principal.kind !== 'user') return undefined;
  if (principal.app) return ruled(`app:${principal.app.id}`, 'app', `app:${principal.app.name}`);
  if (limits.exemptAdministrators && principal.isAdministrator) return undefined;
  return ruled(`user:${principal.user.id}`, 'user', principal.user.username);
}

/** Data Center's rate-limit headers; test mode's injected 429s send them too (tributary/faults.ts). */
export function setRateLimitHeaders(
  reply: FastifyReply,
  rule: RateLimitRule,
  remaining: number,
  retryAfterSeconds: number,
): void {
  reply.header('x-ratelimit-limit', String(rule.max));
  reply.header('x-ratelimit-remaining', String(remaining));
  reply.header('x-ratelimit-interval-seconds', String(rule.intervalSeconds));
  reply.header('x-ratelimit-fillrate', String(rule.fillRate));
  reply.header('retry-after', String(retryAfterSeconds));
}

/**
 * Request rate limiting as Data Center does it (docs/rate-limiting.md): after authentication, so the user
 * or app is known, one bucket lookup per request (no database work beyond authentication's own). Every
 * limited response carries Data Center's headers; an empty bucket answers 429 in the surface's error
 * shape with `Retry-After`, before any body is read.
 */
export function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): void {
  const { limits, registry } = options;
  if (!limits.enabled) return;
  const nowMs = options.nowMs ?? Date.now;
  const buckets = new RequestBuckets();
  const refused =
    registry &&
    new Counter({
      name: 'tributary_rate_limited_requests_total',
      help: 'Requests refused with 429 by the rate limit, by whose bucket was empty (user, app, anonymous)',
      labelNames: ['kind'],
      registers: [registry],
    });
  if (registry) {
    new Gauge({
      name: 'tributary_rate_limit_buckets',
      help: 'Rate-limit buckets held in memory (users, apps and addresses seen within their refill time)',
      registers: [registry],
      collect() {
        this.set(buckets.size);
      },
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!isLimited(request)) return;
    const charged = chargedOf(request.principal, request.ip, limits);
    if (!charged) return;
    const take = buckets.take(charged.key, charged.rule, nowMs());
    setRateLimitHeaders(reply, charged.rule, take.remaining, take.retryAfterSeconds);
    if (!take.allowed) {
      refused?.labels(charged.kind).inc();
      throw new DomainError('rate_limited', { retryAfterSeconds: take.retryAfterSeconds });
    }
  });
}
