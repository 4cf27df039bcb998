import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { UserSelector } from '../../../services/users/find-user.ts';
import { changeWatch } from '../../../services/watches/change-watch.ts';
import { getWatchStatus } from '../../../services/watches/get-watch-status.ts';
import type { WatchedThing } from '../../../services/watches/watch-subject.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { joinedValue } from '../query-values.ts';
import { WatchedParams, WatchQuery } from '../schemas/watches.ts';

const selectorOf = (query: Static<typeof WatchQuery>): UserSelector => ({
  username: query.username,
  userKey: joinedValue(query.key),
  accountId: query.accountId,
});

/**
 * `/user/watch/content/{contentId}`, `/user/watch/space/{spaceKey}` and (Cloud) `/user/watch/label/{labelName}`. GET answers `{watching}`;
 * POST and DELETE answer 204 as Cloud documents (and as Data Center servers send, whatever its spec says).
 */
export function v1WatchRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const routes: [string, (params: Static<typeof WatchedParams>) => WatchedThing][] = [
      [
        '/user/watch/content/:contentId',
        (params) => ({ contentId: parseContentId(params.contentId, 'contentId') }),
      ],
      ['/user/watch/space/:spaceKey', (params) => ({ spaceKey: params.spaceKey ?? '' })],
      ['/user/watch/label/:labelName', (params) => ({ labelName: params.labelName ?? '' })],
    ];
    for (const [url, thingOf] of routes) {
      app.get(url, { schema: { params: WatchedParams, querystring: WatchQuery } }, async (request) => ({
        watching: await getWatchStatus(
          deps,
          request.principal,
          thingOf(request.params),
          selectorOf(request.query),
        ),
      }));
      app.post(
        url,
        { schema: { params: WatchedParams, querystring: WatchQuery } },
        async (request, reply) => {
          await changeWatch(
            deps,
            request.principal,
            thingOf(request.params),
            true,
            selectorOf(request.query),
          );
          return reply.status(204).send();
        },
      );
      app.delete(
        url,
        { schema: { params: WatchedParams, querystring: WatchQuery } },
        async (request, reply) => {
          await changeWatch(
            deps,
            request.principal,
            thingOf(request.params),
            false,
            selectorOf(request.query),
          );
          return reply.status(204).send();
        },
      );
    }
  };
}
