import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { parseExpansion } from '../../../domain/expansion.ts';
import {
  readableStateStatuses,
  settableStateStatuses,
} from '../../../services/content-states/content-state-target.ts';
import { getContentState } from '../../../services/content-states/get-content-state.ts';
import { listContentInState } from '../../../services/content-states/list-content-in-state.ts';
import {
  listAvailableContentStates,
  listCustomContentStates,
} from '../../../services/content-states/list-content-states.ts';
import { removeContentState, setContentState } from '../../../services/content-states/set-content-state.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import { optionalWholeNumber } from '../content-input.ts';
import { contentStateInputOf, stateBodyRefusal, stateStatusOf } from '../content-state-input.ts';
import { windowOf } from '../paging.ts';
import { presentContentState, presentContentStateResponse } from '../present/content-state.ts';
import { renderContentPage } from '../present/expanded-content.ts';
import {
  ContentIdParams,
  SpaceKeyParams,
  StateBody,
  StateContentQuery,
  StateQuery,
} from '../schemas/content-states.ts';

/** Cloud's content states: `/content/{id}/state`, its available states, and the caller's own states. */
// The Cloud spec's default and cap for `state/content`.
const stateContentRules = { defaultLimit: 25, maxLimit: 100 };

export function v1ContentStateRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/space/:spaceKey/state/content',
      { schema: { params: SpaceKeyParams, querystring: StateContentQuery } },
      async (request) => {
        const stateId = optionalWholeNumber(request.query['state-id'], 'state-id');
        if (stateId === undefined) throw badRequest('state-id is required', { field: 'state-id' });
        const window = windowOf(request.query, stateContentRules);
        const slice = await listContentInState(
          deps,
          request.principal,
          request.params.spaceKey,
          stateId,
          window,
        );
        const tree = parseExpansion([request.query.expand ?? []].flat().join(','));
        return renderContentPage(deps, request, slice, window, tree);
      },
    );

    app.get(
      '/content/:id/state',
      { schema: { params: ContentIdParams, querystring: StateQuery } },
      async (request) =>
        presentContentStateResponse(
          await getContentState(
            deps,
            request.principal,
            parseContentId(request.params.id),
            stateStatusOf(request.query.status, readableStateStatuses, 'current'),
          ),
        ),
    );

    app.put(
      '/content/:id/state',
      {
        schema: { params: ContentIdParams, querystring: StateQuery, body: StateBody },
        schemaErrorFormatter: bodyRefusedAs(stateBodyRefusal),
      },
      async (request) => {
        const set = await setContentState(
          deps,
          request.principal,
          parseContentId(request.params.id),
          stateStatusOf(request.query.status, settableStateStatuses, undefined),
          contentStateInputOf(request.body),
        );
        return presentContentStateResponse(set);
      },
    );

    app.delete(
      '/content/:id/state',
      { schema: { params: ContentIdParams, querystring: StateQuery } },
      async (request) =>
        presentContentStateResponse(
          await removeContentState(
            deps,
            request.principal,
            parseContentId(request.params.id),
            stateStatusOf(request.query.status, settableStateStatuses, 'current'),
          ),
        ),
    );

    app.get('/content/:id/state/available', { schema: { params: ContentIdParams } }, async (request) => {
      const available = await listAvailableContentStates(
        deps,
        request.principal,
        parseContentId(request.params.id),
      );
      return {
        spaceContentStates: available.spaceContentStates.map(presentContentState),
        customContentStates: available.customContentStates.map(presentContentState),
      };
    });

    app.get('/content-states', async (request) =>
      (await listCustomContentStates(deps, request.principal)).map(presentContentState),
    );
  };
}
