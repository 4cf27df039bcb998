import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { checkContentPermission } from '../../../services/permissions/check-content-permission.ts';
import { listNotifiedWatchers } from '../../../services/watches/list-notified-watchers.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { permissionCheckBodyRefusal, permissionCheckInputOf } from '../permission-check-input.ts';
import { presentV1PermissionCheck } from '../present/permission.ts';
import { presentV1NotifiedWatch } from '../present/watch.ts';
import { IdParams, PagedQuery, PermissionCheckBody } from '../schemas/content-notifications.ts';

const watchRules = { defaultLimit: 200, maxLimit: 200 };

/** Who is notified of changes to content, and whether a user or group may act on it. */
export function v1ContentNotificationRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    // `child-created` tells the content's watchers, `created` its space's (Cloud v1 spec).
    for (const [event, of] of [
      ['child-created', 'content'],
      ['created', 'space'],
    ] as const) {
      app.get(
        `/content/:id/notification/${event}`,
        { schema: { params: IdParams, querystring: PagedQuery } },
        async (request) => {
          const window = windowOf(request.query, watchRules);
          const { content, space, watchers } = await listNotifiedWatchers(
            deps,
            request.principal,
            parseContentId(request.params.id),
            of,
            window,
          );
          return pageOf(request, watchers, window, (user) =>
            presentV1NotifiedWatch(user, request.surface, { of, content, space }),
          );
        },
      );
    }

    app.post(
      '/content/:id/permission/check',
      {
        schema: { params: IdParams, body: PermissionCheckBody },
        schemaErrorFormatter: bodyRefusedAs(permissionCheckBodyRefusal),
      },
      async (request) => {
        const check = await checkContentPermission(
          deps,
          request.principal,
          parseContentId(request.params.id),
          permissionCheckInputOf(request.body),
        );
        return presentV1PermissionCheck(check, request.surface);
      },
    );
  };
}
