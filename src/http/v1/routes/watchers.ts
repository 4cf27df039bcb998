import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getSpace } from '../../../services/spaces/get-space.ts';
import { listContentWatchers, listSpaceWatchers } from '../../../services/watches/list-watchers.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1User } from '../present/user.ts';
import { presentV1SpaceWatch } from '../present/watch.ts';
import { ContentIdParams, PagedQuery, SpaceKeyParams } from '../schemas/site.ts';

// Data Center's spec defaults watcher lists to 25; Cloud's `/space/{key}/watch` gives no default.
const watcherRules = { defaultLimit: 25, maxLimit: 200 };

/** Who watches a space or a page (Data Center `…/watchers`, Cloud v1 `/space/{key}/watch`). */
export function v1WatcherRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/space/:spaceKey/watchers',
      { schema: { params: SpaceKeyParams, querystring: PagedQuery } },
      async (request) => {
        const window = windowOf(request.query, watcherRules);
        const watchers = await listSpaceWatchers(deps, request.principal, request.params.spaceKey, window);
        return pageOf(request, watchers, window, (user) => presentV1User(user, request.surface));
      },
    );

    app.get(
      '/content/:contentId/watchers',
      { schema: { params: ContentIdParams, querystring: PagedQuery } },
      async (request) => {
        const window = windowOf(request.query, watcherRules);
        const watchers = await listContentWatchers(
          deps,
          request.principal,
          parseContentId(request.params.contentId, 'contentId'),
          window,
        );
        return pageOf(request, watchers, window, (user) => presentV1User(user, request.surface));
      },
    );

    app.get(
      '/space/:spaceKey/watch',
      { schema: { params: SpaceKeyParams, querystring: PagedQuery } },
      async (request) => {
        const window = windowOf(request.query, watcherRules);
        const watchers = await listSpaceWatchers(deps, request.principal, request.params.spaceKey, window);
        const space = await getSpace(deps, request.principal, request.params.spaceKey);
        return pageOf(request, watchers, window, (user) => presentV1SpaceWatch(user, space, request.surface));
      },
    );
  };
}
