import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Config } from '../config/config.ts';
import { DomainError, readOnly } from '../domain/errors.ts';
import { anonymousPrincipal } from '../domain/principal.ts';
import type { Authenticator } from '../services/auth/authenticate.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { failingParts } from '../services/site/check-readiness.ts';
import { authenticateRequest, requireCsrfToken } from './common/authenticate-request.ts';
import { answerClientError } from './common/client-error.ts';
import { acceptEmptyBodies } from './common/empty-bodies.ts';
import { sendFailure, toFailure } from './common/error-handler.ts';
import { methodAsked, routeHeadAsGet } from './common/head-as-get.ts';
import { lazyTypeBoxValidatorCompiler } from './common/lazy-validators.ts';
import { trackRoutesForAllow } from './common/method-not-allowed.ts';
import { registerMetrics } from './common/metrics.ts';
import { registerRateLimit } from './common/rate-limit.ts';
import { asyncStandardOutput, type DestinationStream, logRequest } from './common/request-log.ts';
import { applyServerLimits, serverOptionsFor } from './common/server-limits.ts';
import './common/request-context.ts';
import { PrefixAliases } from './common/prefix-aliases.ts';
import { csrfHeader } from './common/session-cookie.ts';
import { mounts, surfaceOf } from './common/surface.ts';
import { rejectsXsrf } from './common/xsrf.ts';
import { downloadRoutes } from './downloads/routes.ts';
import { extenderAttachmentRoutes } from './extender/routes/attachments.ts';
import { legacyRemoveAttachmentRoutes } from './legacy/remove-attachment-action.ts';
import { fitRoutesToProfile, prefixAliasesOf, profileMounts } from './profiles/profile-gate.ts';
import { registerFaults } from './tributary/faults.ts';
import { noteOnJournal } from './tributary/journal.ts';
import { registerTestMode, tributaryMount } from './tributary/test-mode.ts';
import { normaliseV1Query } from './v1/query-values.ts';
import { v1AdminRoutes } from './v1/routes/admin.ts';
import { v1AnalyticsRoutes } from './v1/routes/analytics.ts';
import { v1AppearanceRoutes } from './v1/routes/appearance.ts';
import { v1AttachmentChangeRoutes } from './v1/routes/attachment-changes.ts';
import { v1AttachmentRoutes } from './v1/routes/attachments.ts';
import { v1AuditRoutes } from './v1/routes/audit.ts';
import { v1BackupRestoreRoutes } from './v1/routes/backup-restore.ts';
import { v1BodyConversionRoutes } from './v1/routes/body-conversions.ts';
import { v1ContentRoutes } from './v1/routes/content.ts';
import { v1ContentBlueprintRoutes } from './v1/routes/content-blueprints.ts';
import { v1ContentChildrenRoutes } from './v1/routes/content-children.ts';
import { v1ContentNotificationRoutes } from './v1/routes/content-notifications.ts';
import { v1ContentStateRoutes } from './v1/routes/content-states.ts';
import { v1ContentVersionRoutes } from './v1/routes/content-versions.ts';
import { v1GroupRoutes } from './v1/routes/groups.ts';
import { v1LabelUsageRoutes } from './v1/routes/label-usage.ts';
import { v1LabelRoutes } from './v1/routes/labels.ts';
import { v1LongTaskRoutes } from './v1/routes/long-tasks.ts';
import { v1MacroRoutes } from './v1/routes/macros.ts';
import { v1PageTreeRoutes } from './v1/routes/page-tree.ts';
import { v1PermissionRoutes } from './v1/routes/permissions.ts';
import { v1ContentPropertyRoutes, v1SpacePropertyRoutes } from './v1/routes/properties.ts';
import { v1RelationRoutes } from './v1/routes/relations.ts';
import { v1RestrictionRoutes } from './v1/routes/restrictions.ts';
import { v1SearchRoutes } from './v1/routes/search.ts';
import { v1CloudSiteRoutes, v1SiteRoutes } from './v1/routes/site.ts';
import { v1SpaceContentRoutes } from './v1/routes/space-content.ts';
import { v1SpaceLabelRoutes } from './v1/routes/space-labels.ts';
import { v1SpaceLifecycleRoutes } from './v1/routes/space-lifecycle.ts';
import { v1SpacePermissionGrantRoutes } from './v1/routes/space-permission-grants.ts';
import { v1SpaceSettingsRoutes } from './v1/routes/space-settings.ts';
import { v1SpaceRoutes } from './v1/routes/spaces.ts';
import { v1TemplateRoutes } from './v1/routes/templates.ts';
import { v1UserRoutes } from './v1/routes/users.ts';
import { v1WatcherRoutes } from './v1/routes/watchers.ts';
import { v1WatchRoutes } from './v1/routes/watches.ts';
import { v1WebhookRoutes } from './v1/routes/webhooks.ts';
import { v2AdminKeyRoutes } from './v2/routes/admin-key.ts';
import { v2AppPropertyRoutes } from './v2/routes/app-properties.ts';
import { v2AttachmentVersionRoutes } from './v2/routes/attachment-versions.ts';
import { v2AttachmentRoutes } from './v2/routes/attachments.ts';
import { v2ClassificationRoutes } from './v2/routes/classification.ts';
import { v2CommentVersionRoutes } from './v2/routes/comment-versions.ts';
import { v2ContentRoutes } from './v2/routes/content.ts';
import { v2CustomContentRoutes } from './v2/routes/custom-content.ts';
import { v2DataPolicyRoutes } from './v2/routes/data-policies.ts';
import { v2FooterCommentRoutes } from './v2/routes/footer-comments.ts';
import { v2InlineCommentRoutes } from './v2/routes/inline-comments.ts';
import { v2LabelRoutes } from './v2/routes/labels.ts';
import { v2LikeRoutes } from './v2/routes/likes.ts';
import { v2PageTreeRoutes } from './v2/routes/page-tree.ts';
import { v2BlogPostRoutes, v2PageRoutes } from './v2/routes/pages.ts';
import { v2ContentPropertyRoutes, v2SpacePropertyRoutes } from './v2/routes/properties.ts';
import { v2SpaceContentRoutes } from './v2/routes/space-content.ts';
import { v2SpaceLabelRoutes } from './v2/routes/space-labels.ts';
import { v2SpaceRoleRoutes } from './v2/routes/space-roles.ts';
import { v2SpaceRoutes } from './v2/routes/spaces.ts';
import { v2TaskRoutes } from './v2/routes/tasks.ts';
import { v2TreeContentRoutes } from './v2/routes/tree-content.ts';
import { v2UserRoutes } from './v2/routes/users.ts';
import { sendWebFailure } from './web/web-errors.ts';
import { webAssetRoutes, webInterfaceRoutes } from './web/web-interface.ts';

export interface HttpDeps {
  services: ServiceDeps;
  authenticator: Authenticator;
  config: Pick<Config, 'contextPath' | 'logLevel' | 'trustedProxies' | 'sessionIdleMs'> &
    Partial<
      Pick<
        Config,
        | 'metrics'
        | 'downloadOffload'
        | 'profile'
        | 'rateLimits'
        | 'testMode'
        | 'maxPageSize'
        | 'faults'
        | 'serverLimits'
      >
    >;
  /** Read per request: when no base URL is configured it is known only once the server listens. */
  publicBaseUrl: () => string;
  /** Where log lines go; by default standard output, written asynchronously (`requestLogger`). */
  logStream?: DestinationStream;
  /** True once the process has begun to shut down: `/status` then tells load balancers to look elsewhere. */
  stopping?: () => boolean;
}

/**
 * A route module's plugin, carrying the module's name. Fastify names every registered plugin; an
 * anonymous one it looks for in the whole CommonJS module cache, and with some 150 registrations that
 * search was a tenth of start-up.
 */
function named<Deps>(routes: (deps: Deps) => FastifyPluginAsync, deps: Deps): FastifyPluginAsync {
  return Object.assign(routes(deps), { [Symbol.for('fastify.display-name')]: routes.name });
}

/** The methods that change nothing (RFC 9110 §9.2.1); read-only mode refuses the others. */
const readingMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A browser asking for a page outside the APIs that no route answers. */
const browserPageMiss = (request: FastifyRequest) =>
  request.is404 &&
  request.method === 'GET' &&
  request.surface.api === 'other' &&
  (request.headers.accept ?? '').includes('text/html');

/** Builds the server; each API module is answered under every prefix that Confluence answers it on. */
export function buildHttpApp(deps: HttpDeps): FastifyInstance {
  const { contextPath } = deps.config;
  const profile = deps.config.profile ?? 'both';
  const served = profileMounts(profile);
  const aliases = new PrefixAliases(prefixAliasesOf(served, contextPath));
  const readOnlyMode = deps.services.accessMode === 'READ_ONLY';
  const { serverLimits } = deps.config;
  const app = Fastify({
    ...(serverLimits && serverOptionsFor(serverLimits)),
    logger: { level: deps.config.logLevel, stream: deps.logStream ?? asyncStandardOutput() },
    // One line per request, written once it is answered (logRequest), rather than Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    exposeHeadRoutes: false,
    rewriteUrl: (request) => {
      routeHeadAsGet(request);
      return aliases.rewrite(request);
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Cloud refuses JSON content bodies above 5 MiB with 413 (api-reference.md §0.9); uploads stream apart.
    bodyLimit: 5 * 1024 * 1024,
    // `request.ip` then comes from X-Forwarded-For, but only when the hop before us is one of these.
    trustProxy: deps.config.trustedProxies.length > 0 ? [...deps.config.trustedProxies] : false,
    // A path the router cannot decode (a broken percent-escape) fails before any hook has run: the
    // surface is worked out here, so the 400 still comes in that surface's error shape.
    frameworkErrors: (error, request, reply) => {
      request.surface = surfaceOf(request.originalUrl, deps.publicBaseUrl(), contextPath);
      return sendFailure(reply, toFailure(error, request));
    },
    clientErrorHandler: (error, socket) => answerClientError(error, socket, contextPath),
  });
  // TypeBox checks every route schema as written: unlike Fastify's default Ajv it does not coerce body
  // values (`{"title": 5}` stays a number the schema refuses, `null` stays null). Each route's validator
  // is compiled on its first request, not at start-up.
  app.setValidatorCompiler(lazyTypeBoxValidatorCompiler);
  const allowedMethods = trackRoutesForAllow(app);
  fitRoutesToProfile(app, profile, contextPath);
  acceptEmptyBodies(app);

  app.decorate('downloadOffload', { getter: () => deps.config.downloadOffload ?? { kind: 'off' as const } });
  app.decorateRequest('surface', null as never);
  app.decorateRequest('principal', null as never);
  app.decorateRequest('sessionSecret', null);

  app.addHook('onResponse', logRequest);
  // Test mode (docs/testing.md): its reset gate must be the first request hook.
  const testModeRoutes = deps.config.testMode
    ? registerTestMode(app, deps.services, { maxPageSize: deps.config.maxPageSize, contextPath })
    : undefined;

  app.addHook('onRequest', async (request, reply) => {
    request.surface = surfaceOf(request.originalUrl, deps.publicBaseUrl(), contextPath);
    reply.header('x-request-id', request.id);
    const { public: open, web } = request.routeOptions.config;
    if (open) return;
    // A browser that follows a link to no screen gets the interface's 404 page, not a Basic prompt.
    const principal = browserPageMiss(request)
      ? await authenticateRequest(deps.authenticator, request).catch(() => anonymousPrincipal)
      : await authenticateRequest(deps.authenticator, request);
    // The client's address goes with the principal into the audit records of what it changes.
    request.principal = principal.kind === 'system' ? principal : { ...principal, remoteAddress: request.ip };
    // Read-only mode refuses every change, on every surface, before any of it is read (docs/operations.md);
    // the public routes (the status probe, signing in and out) stay open.
    if (readOnlyMode && !readingMethods.has(request.method)) throw readOnly('maintenance');
    // The web interface's forms carry their token in the body, which its own routes check once parsed.
    if (web) return;
    requireCsrfToken(request, request.headers[csrfHeader]);
    if (rejectsXsrf(request, reply)) return reply;
    if (request.surface.api !== 'v2') normaliseV1Query(request);
  });

  // After the hook above, so that a refused expansion comes in the surface's error shape.
  if (serverLimits) applyServerLimits(app, serverLimits, deps.config.trustedProxies);

  // Streaming, one part at a time; the size limit is enforced by the blob store while the bytes flow, so
  // the parser's own cap sits one byte above it only as a backstop.
  app.register(multipart, {
    // Text parts that name no charset are read byte for byte; multipart.ts then takes them as UTF-8
    // where valid, else as ISO-8859-1, as Atlassian does (api-reference.md §1.2).
    defCharset: 'latin1',
    limits: {
      fileSize: deps.services.limits.maxAttachmentSizeBytes + 1,
      files: 1000,
      fields: 2000,
      fieldSize: 1024 * 1024,
    },
  });

  app.setErrorHandler((error, request, reply) => sendFailure(reply, toFailure(error, request)));

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(request.method, request.url);
    if (allow.length > 0) {
      reply.header('allow', allow.join(', '));
      const message = `Method ${methodAsked(request)} is not allowed here; use ${allow.join(', ')}`;
      return sendFailure(
        reply,
        toFailure(new DomainError('method_not_allowed', { detail: message }), request),
      );
    }
    const message = `No resource at ${methodAsked(request)} ${request.originalUrl.split('?')[0]}`;
    const missing = new DomainError('not_found', { detail: message });
    if (browserPageMiss(request)) return sendWebFailure(contextPath, missing, request, reply);
    return sendFailure(reply, toFailure(missing, request));
  });

  // The header tells clients (src/client/flavour.ts) that this is Tributary, whose download ETag is the
  // SHA-256 of the bytes; Confluence answers the same body without it. It doubles as the readiness
  // probe of load balancers: 503 while shutting down or while the database or blob store fails.
  app.get(`${contextPath}/status`, { config: { public: true, journal: false } }, async (_request, reply) => {
    reply.header('x-tributary-version', '1');
    reply.header('cache-control', 'no-store');
    if (deps.stopping?.()) return reply.code(503).send({ state: 'STOPPING' });
    const failing = await failingParts(deps.services);
    if (failing.length > 0) return reply.code(503).send({ state: 'ERROR', failing });
    // Still ready (reads are served), so still 200 for the load balancer; the mode is for people and
    // monitoring, in Data Center's words (`GET /rest/api/accessmode`).
    return readOnlyMode ? { state: 'RUNNING', accessMode: 'READ_ONLY' } : { state: 'RUNNING' };
  });

  const { poolStats } = deps.services.store;
  const registry = registerMetrics(app, {
    routeOf: (request) => aliases.addressedRoute(request),
    access: deps.config.metrics ?? 'off',
    contextPath,
    ...(poolStats && { poolStats: poolStats.bind(deps.services.store) }),
  });
  // After the authentication hook above: the limit counts per user and app.
  if (deps.config.rateLimits) registerRateLimit(app, { limits: deps.config.rateLimits, registry });
  // After authentication and the rate limit: a fault rule may name a user (docs/testing.md, "Faults").
  const faultRoutes =
    deps.config.testMode &&
    registerFaults(app, {
      rules: deps.config.faults ?? [],
      contextPath,
      ownMount: tributaryMount,
      rateLimitRule: deps.config.rateLimits?.rule ?? { fillRate: 10, intervalSeconds: 1, max: 100 },
      // Every injected fault is in the request journal, beside what the client did about it.
      onInjected: (request, rule) =>
        noteOnJournal(request, {
          code: 'fault_injected',
          message: `Fault rule ${rule.id} (${rule.method ?? 'any method'} ${rule.path}) was applied to this request on purpose.`,
        }),
    });

  // Each API is mounted once, under its first prefix; the others are aliases of it (prefix-aliases.ts).
  for (const prefix of served.v1.slice(0, 1)) {
    for (const routes of [
      v1UserRoutes,
      v1GroupRoutes,
      v1AdminRoutes,
      v1ContentRoutes,
      v1ContentVersionRoutes,
      v1ContentChildrenRoutes,
      v1SpaceContentRoutes,
      v1SpaceRoutes,
      v1SpacePropertyRoutes,
      v1PermissionRoutes,
      v1LongTaskRoutes,
      v1LabelRoutes,
      v1ContentPropertyRoutes,
      v1RestrictionRoutes,
      v1WatchRoutes,
      v1AttachmentRoutes,
      v1AttachmentChangeRoutes,
      v1SearchRoutes,
      v1AuditRoutes,
      v1AppearanceRoutes,
      v1MacroRoutes,
      v1ContentBlueprintRoutes,
      v1SpaceLabelRoutes,
      v1LabelUsageRoutes,
      v1SpaceLifecycleRoutes,
      v1WatcherRoutes,
      v1SpaceSettingsRoutes,
      v1SpacePermissionGrantRoutes,
      v1ContentStateRoutes,
      v1RelationRoutes,
      v1ContentNotificationRoutes,
      v1PageTreeRoutes,
      v1BodyConversionRoutes,
      v1TemplateRoutes,
      v1AnalyticsRoutes,
    ]) {
      app.register(named(routes, deps.services), { prefix: contextPath + prefix });
    }
  }
  if (served.dataCenterOnly) {
    // Data Center only: Cloud has neither webhooks at this path nor backup jobs.
    // Data Center's own site information too; Cloud answers its own (`settings/systemInfo`).
    for (const routes of [v1WebhookRoutes, v1BackupRestoreRoutes, v1SiteRoutes]) {
      app.register(aliases.keptOff(named(routes, deps.services)), { prefix: contextPath + mounts.dcV1 });
    }
    app.register(named(v1ContentVersionRoutes, deps.services), {
      prefix: contextPath + mounts.dcExperimental,
    });
    app.register(named(extenderAttachmentRoutes, deps.services), { prefix: contextPath + mounts.extender });
    app.register(named(legacyRemoveAttachmentRoutes, deps.services), { prefix: contextPath });
  }
  if (served.cloudOnly) {
    app.register(aliases.keptOff(named(v1CloudSiteRoutes, deps.services)), {
      prefix: contextPath + mounts.cloudV1,
    });
  }
  // Clients join `_links.download` onto the origin of `_links.base` (clients.md), so under a context path
  // the servlet answers at the root too.
  const downloadPrefixes = new Set(served.downloads.flatMap((prefix) => [contextPath + prefix, prefix]));
  for (const prefix of downloadPrefixes) {
    app.register(named(downloadRoutes, deps.services), { prefix });
  }
  for (const prefix of served.v2.slice(0, 1)) {
    for (const routes of [
      v2UserRoutes,
      v2AppPropertyRoutes,
      v2AdminKeyRoutes,
      v2SpaceRoutes,
      v2SpaceRoleRoutes,
      v2FooterCommentRoutes,
      v2LabelRoutes,
      v2SpaceLabelRoutes,
      v2ContentPropertyRoutes,
      v2PageRoutes,
      v2PageTreeRoutes,
      v2TreeContentRoutes,
      v2CustomContentRoutes,
      v2BlogPostRoutes,
      v2SpaceContentRoutes,
      v2AttachmentRoutes,
      v2AttachmentVersionRoutes,
      v2ContentRoutes,
      v2SpacePropertyRoutes,
      v2ClassificationRoutes,
      v2DataPolicyRoutes,
      v2TaskRoutes,
      v2LikeRoutes,
      v2InlineCommentRoutes,
      v2CommentVersionRoutes,
    ]) {
      app.register(named(routes, deps.services), { prefix: contextPath + prefix });
    }
  }
  // The web interface answers Confluence's browser links on both link styles (DC's and Cloud's `/wiki`).
  const web = {
    services: deps.services,
    authenticator: deps.authenticator,
    contextPath,
    sessionIdleMs: deps.config.sessionIdleMs,
  };
  for (const prefix of [contextPath, `${contextPath}/wiki`]) {
    app.register(named(webInterfaceRoutes, web), { prefix });
  }
  app.register(named(webAssetRoutes, undefined), { prefix: contextPath });
  if (testModeRoutes) app.register(testModeRoutes, { prefix: contextPath + tributaryMount });
  if (faultRoutes) app.register(faultRoutes, { prefix: contextPath + tributaryMount });
  return app;
}
