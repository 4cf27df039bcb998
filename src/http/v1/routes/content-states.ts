import type { FastifyInstance } from 'fastify';
import { getContentState } from '../../../services/content-states/get-content-state.ts';
import {
  listAvailableContentStates,
  listCustomContentStates,
} from '../../../services/content-states/list-content-states.ts';
import { removeContentState, setContentState } from '../../../services/content-states/set-content-state.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { type JsonObject, objectOf } from '../content-input.ts';
import { presentContentState, presentContentStateResponse } from '../present/content-state.ts';

type StateRequest = { Params: { id: string }; Querystring: { status?: string } };

/** Cloud's content states: `/content/{id}/state`, its available states, and the caller's own states. */
export function v1ContentStateRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<StateRequest>('/content/:id/state', async (request) =>
      presentContentStateResponse(
        await getContentState(
          deps,
          request.principal,
          parseContentId(request.params.id),
          request.query.status,
        ),
      ),
    );

    app.put<StateRequest & { Body: JsonObject | null }>('/content/:id/state', async (request) => {
      const body = objectOf(request.body);
      const set = await setContentState(
        deps,
        request.principal,
        parseContentId(request.params.id),
        request.query.status,
        { id: body.id, name: body.name, color: body.color },
      );
      return presentContentStateResponse(set);
    });

    app.delete<StateRequest>('/content/:id/state', async (request) =>
      presentContentStateResponse(
        await removeContentState(
          deps,
          request.principal,
          parseContentId(request.params.id),
          request.query.status,
        ),
      ),
    );

    app.get<{ Params: { id: string } }>('/content/:id/state/available', async (request) => {
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
