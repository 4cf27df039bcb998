import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { UserSelector } from '../../../services/users/find-user.ts';
import { changeWatch } from '../../../services/watches/change-watch.ts';
import { getWatchStatus } from '../../../services/watches/get-watch-status.ts';
import type { WatchedThing } from '../../../services/watches/watch-subject.ts';
import { parseContentId } from '../../common/content-ids.ts';

// `contentType` (Data Center: watch only a space's blog posts) is accepted and ignored: a space watch covers
// all of its content.
type WatchQuery = { username?: string; key?: string; accountId?: string; contentType?: string | string[] };

const selectorOf = (query: WatchQuery): UserSelector => ({
  username: query.username,
  userKey: query.key,
  accountId: query.accountId,
});

/**
 * `/user/watch/content/{contentId}`, `/user/watch/space/{spaceKey}` and (Cloud) `/user/watch/label/{labelName}`. GET answers `{watching}`;
 * POST and DELETE answer 204 as Cloud documents (and as Data Center servers send, whatever its spec says).
 */
export function v1WatchRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    const routes: [string, (params: Record<string, string>) => WatchedThing][] = [
      [
        '/user/watch/content/:contentId',
        (params) => ({ contentId: parseContentId(params.contentId, 'contentId') }),
      ],
      ['/user/watch/space/:spaceKey', (params) => ({ spaceKey: params.spaceKey ?? '' })],
      ['/user/watch/label/:labelName', (params) => ({ labelName: params.labelName ?? '' })],
    ];
    for (const [url, thingOf] of routes) {
      app.get<{ Params: Record<string, string>; Querystring: WatchQuery }>(url, async (request) => ({
        watching: await getWatchStatus(
          deps,
          request.principal,
          thingOf(request.params),
          selectorOf(request.query),
        ),
      }));
      app.post<{ Params: Record<string, string>; Querystring: WatchQuery }>(url, async (request, reply) => {
        await changeWatch(deps, request.principal, thingOf(request.params), true, selectorOf(request.query));
        return reply.status(204).send();
      });
      app.delete<{ Params: Record<string, string>; Querystring: WatchQuery }>(url, async (request, reply) => {
        await changeWatch(deps, request.principal, thingOf(request.params), false, selectorOf(request.query));
        return reply.status(204).send();
      });
    }
  };
}
