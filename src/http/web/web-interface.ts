import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { requireCsrfToken } from '../common/authenticate-request.ts';
import { acceptFormBodies } from '../common/form-body.ts';
import { csrfHeader } from '../common/session-cookie.ts';
import { adminAppsRoutes } from './routes/admin/apps.ts';
import { auditLogRoutes } from './routes/admin/audit-log.ts';
import { adminGroupRoutes } from './routes/admin/group-detail.ts';
import { adminGroupsRoutes } from './routes/admin/groups.ts';
import { mySessionsRoutes } from './routes/admin/my-sessions.ts';
import { spacePermissionsRoutes } from './routes/admin/space-permissions.ts';
import { adminUserRoutes } from './routes/admin/user-detail.ts';
import { adminUsersRoutes } from './routes/admin/users.ts';
import { attachmentZipRoutes } from './routes/attachments/attachment-zip.ts';
import { attachmentsScreenRoutes } from './routes/attachments/attachments-screen.ts';
import { trashMatchingRoutes } from './routes/attachments/trash-matching.ts';
import { pageEditRoutes } from './routes/page-edit.ts';
import { pageViewRoutes } from './routes/page-view.ts';
import { searchRoutes } from './routes/search.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { spaceDirectoryRoutes } from './routes/space-directory.ts';
import { spaceHomeRoutes } from './routes/space-home.ts';
import { storageRoutes } from './routes/storage.ts';
import { tinyLinkRoutes } from './routes/tiny-links.ts';
import { trashRoutes } from './routes/trash.ts';
import type { WebDeps } from './web-deps.ts';
import { sendWebFailure } from './web-errors.ts';

/** The browser's assets (web/): CSS, icons and module scripts, served as written (no build step). */
export const webAssetsFolder = fileURLToPath(new URL('../../../web/', import.meta.url));

// Screens show what only the signed-in user may see: never cached, never framed by another site, and
// scripts, styles, images and frames only from here (the server may run air-gapped: nothing external).
const screenHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
};

/** Each module registers the screens of one area; all are mounted under the context path and `/wiki`. */
const screenModules = [
  spaceDirectoryRoutes,
  adminUsersRoutes,
  adminUserRoutes,
  adminGroupsRoutes,
  adminGroupRoutes,
  adminAppsRoutes,
  auditLogRoutes,
  spacePermissionsRoutes,
  mySessionsRoutes,
  spaceHomeRoutes,
  pageViewRoutes,
  tinyLinkRoutes,
  pageEditRoutes,
  searchRoutes,
  trashRoutes,
  storageRoutes,
  attachmentsScreenRoutes,
  attachmentZipRoutes,
  trashMatchingRoutes,
];

/** The web interface at Confluence's own URLs (the links `_links.webui` and `tinyui` hand out). */
export function webInterfaceRoutes(deps: WebDeps) {
  return async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, web: true };
    });
    acceptFormBodies(app);
    app.setErrorHandler((error, request, reply) => sendWebFailure(deps.contextPath, error, request, reply));
    // Changes come only from a browser signed in by session, and only from our own pages (their token):
    // a browser's remembered Basic credentials would otherwise let another site post here.
    app.addHook('preValidation', async (request) => {
      if (request.routeOptions.config.public || ['GET', 'HEAD'].includes(request.method)) return;
      if (request.sessionSecret === null) {
        throw new DomainError('permission_denied', {
          detail: 'Sign in to the web interface to make changes',
        });
      }
      const body = request.body as Record<string, unknown> | undefined;
      requireCsrfToken(request, request.headers[csrfHeader] ?? body?.csrf);
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.headers(screenHeaders);
      return payload;
    });
    await app.register(signInRoutes(deps));
    for (const screens of screenModules) await app.register(screens(deps));
  };
}

/** The assets, once, under the context path; public, so the sign-in form has its styles. */
export function webAssetRoutes() {
  return async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await app.register(fastifyStatic, {
      root: webAssetsFolder,
      prefix: '/s/tributary/',
      decorateReply: false,
      // Scripts and styles change only with a new release, whose process serves them fresh.
      maxAge: '1h',
    });
  };
}
