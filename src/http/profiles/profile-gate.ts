import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Profile } from '../../config/config.ts';
import { DomainError } from '../../domain/errors.ts';
import { sendFailure, toFailure } from '../common/error-handler.ts';
import { operationKey } from '../common/operation-key.ts';
import type { PrefixAlias } from '../common/prefix-aliases.ts';
import { mounts, servletRoutePattern } from '../common/surface.ts';
import type { LimitRule } from './limit-rule.ts';
import { cloudOperationNotice } from './operation-notices.ts';
import { cloudV1LimitRules, dcLimitRules, dcMethodsByPath } from './spec-tables.ts';

/**
 * Where each profile answers (docs/profiles.md). Cloud has no `/rest/api` outside `/wiki`, no Extender and
 * no `/rest/experimental` (Data Center plugins and paths); Data Center has nothing under `/wiki` (its site
 * sits at its context path) and no v2. `both` answers everywhere, as Tributary always has.
 */
export function profileMounts(profile: Profile) {
  return {
    v1:
      profile === 'cloud'
        ? [mounts.cloudV1]
        : profile === 'datacenter'
          ? [mounts.dcV1]
          : [mounts.dcV1, mounts.cloudV1],
    /** Webhooks, backup jobs, DC's site information, `/rest/experimental`, the Extender, the old action. */
    dataCenterOnly: profile !== 'cloud',
    /** Cloud's site information (`settings/systemInfo`). */
    cloudOnly: profile !== 'datacenter',
    v2:
      profile === 'cloud'
        ? [mounts.cloudV2]
        : profile === 'datacenter'
          ? []
          : [mounts.cloudV2, mounts.bareV2],
    /** The servlet's prefixes under the context path: Cloud's is `/wiki`, DC's none. */
    downloads: profile === 'cloud' ? ['/wiki'] : profile === 'datacenter' ? [''] : ['', '/wiki'],
  };
}

/**
 * Each API is mounted under the first of its prefixes in `profileMounts`; requests on the others are
 * routed to it (common/prefix-aliases.ts).
 */
export function prefixAliasesOf(
  served: ReturnType<typeof profileMounts>,
  contextPath: string,
): PrefixAlias[] {
  return [served.v1, served.v2].flatMap(([mounted, ...others]) =>
    mounted === undefined
      ? []
      : others.map((from) => ({ from: contextPath + from, to: contextPath + mounted })),
  );
}

type RouteHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

const dcMethods = new Map(
  Object.entries(dcMethodsByPath).map(([template, methods]) => [operationKey('', template), methods]),
);
const limitRulesBy = (table: Readonly<Record<string, LimitRule>>) =>
  new Map(
    Object.entries(table).map(([operation, rule]) => {
      const [method = '', template = ''] = operation.split(' ');
      return [operationKey(method, template), rule];
    }),
  );
const cloudLimits = limitRulesBy(cloudV1LimitRules);
const dcLimits = limitRulesBy(dcLimitRules);

/**
 * Fits the routes to the profile as they are registered, so that a request pays only for the one hook its
 * own route carries, if any: Cloud's removed v1 operations answer 410, the servlet refuses tokens on Cloud,
 * Data Center answers 405 to a `PUT` upload, and each side's `limit` default
 * and maximum from its spec apply. Call before any route module is registered.
 */
export function fitRoutesToProfile(app: FastifyInstance, profile: Profile, contextPath: string): void {
  if (profile === 'both') return;
  app.addHook('onRoute', (route) => {
    const hooks: RouteHook[] = [];
    for (const method of [route.method].flat()) {
      const hook =
        profile === 'cloud'
          ? cloudHook(method, route.url, contextPath)
          : dcHook(method, route.url, contextPath);
      if (hook) hooks.push(hook);
    }
    if (hooks.length > 0) addOnRequest(route, hooks);
  });
}

function cloudHook(method: string, url: string, contextPath: string): RouteHook | undefined {
  const path = url.slice(contextPath.length);
  if (path.startsWith(`${mounts.cloudV1}/`) || path === mounts.cloudV1) {
    const notice = cloudOperationNotice(method, url, contextPath);
    if (notice?.kind === 'removed') {
      const params = {
        operation: notice.operation,
        ...(notice.replacement && { replacement: notice.replacement.operation }),
      };
      return async (request, reply) =>
        sendFailure(reply, toFailure(new DomainError('operation_removed', params), request));
    }
    const rule = cloudLimits.get(operationKey(method === 'HEAD' ? 'GET' : method, path));
    return rule && applyLimitRule(rule);
  }
  // The whole url: the servlet's bare copy (`/wiki/download/…` without the context path) has no context
  // path to cut, and must refuse tokens as the copy under it does.
  if (servletRoutePattern.test(url)) return refuseTokens;
  return undefined;
}

/**
 * Methods Tributary answers on a Data Center path that Data Center does not: uploads by `PUT` are Cloud's
 * (the DC 10 spec lists GET and POST for child/attachment, and DC answers 405). Not every method the DC spec
 * omits: the document lacks operations DC has (`PUT /rest/api/content/{id}` is missing from it).
 */
const dcRefusedMethods = new Set([operationKey('PUT', '/rest/api/content/{id}/child/attachment')]);

function dcHook(method: string, url: string, contextPath: string): RouteHook | undefined {
  const path = url.slice(contextPath.length);
  if (!path.startsWith(`${mounts.dcV1}/`)) return undefined;
  const asked = method === 'HEAD' ? 'GET' : method;
  if (dcRefusedMethods.has(operationKey(asked, path))) {
    const allow = (dcMethods.get(operationKey('', path)) ?? []).join(', ');
    return async (request, reply) => {
      reply.header('allow', allow);
      const detail = `Method ${request.method} is not allowed here; use ${allow}`;
      return sendFailure(reply, toFailure(new DomainError('method_not_allowed', { detail }), request));
    };
  }
  const rule = dcLimits.get(operationKey(asked, path));
  return rule && applyLimitRule(rule);
}

/**
 * Cloud's download servlet refuses API tokens since 2026 (changelog CHANGE-2735, CHANGE-3007; api-reference.md
 * §0.6): credentials in an `Authorization` header get 401; a browser's session cookie still downloads.
 */
const refuseTokens: RouteHook = async (request, reply) => {
  if (request.headers.authorization === undefined) return undefined;
  const detail =
    'The download servlet does not accept API tokens on Confluence Cloud; use GET /wiki/rest/api/content/{id}/child/attachment/{attachmentId}/download or the v2 downloadLink';
  return sendFailure(reply, toFailure(new DomainError('not_signed_in', { detail }), request));
};

/** The spec's default when the client names no `limit`, and its maximum when it names more. */
function applyLimitRule(rule: LimitRule): RouteHook {
  return async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query) return undefined;
    const asked = query.limit;
    if (asked === undefined || asked === '') query.limit = String(rule.default);
    else if (rule.maximum !== undefined && Number(asked) > rule.maximum) query.limit = String(rule.maximum);
    return undefined;
  };
}

/** Runs after the application's own onRequest hooks (authentication), as the route's first. */
function addOnRequest(route: RouteOptions, hooks: RouteHook[]): void {
  const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
  route.onRequest = [...hooks, ...own] as RouteOptions['onRequest'];
}
