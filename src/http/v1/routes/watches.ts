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
    const schema = { params: WatchedParams, querystring: WatchQuery };
    for (const [url, thingOf] of routes) {
      app.get(url, { schema }, async (request) => ({
        watching: await getWatchStatus(
          deps,
          request.principal,
          thingOf(request.params),
          selectorOf(request.query),
        ),
      }));
      for (const [method, watching] of [
        ['POST', true],
        ['DELETE', false],
      ] as const) {
        app.route({
          method,
          url,
          schema,
          handler: async (request, reply) => {
            const thing = thingOf(request.params);
            await changeWatch(deps, request.principal, thing, watching, selectorOf(request.query));
            return reply.status(204).send();
          },
        });
      }
    }
  };
}
