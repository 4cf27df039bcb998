import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  getContentStateSettings,
  getSpaceSettings,
  listSpaceContentStates,
} from '../../../services/spaces/get-space-settings.ts';
import { updateSpaceSettings } from '../../../services/spaces/update-space-settings.ts';
import {
  presentV1ContentState,
  presentV1ContentStateSettings,
  presentV1SpaceSettings,
} from '../present/space-settings.ts';

type KeyParams = { Params: { spaceKey: string } };

/** Cloud v1 space settings, and the content states a space suggests (`/space/{key}/state…`). */
export function v1SpaceSettingsRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.get<KeyParams>('/space/:spaceKey/settings', async (request) => {
      const { space, settings } = await getSpaceSettings(deps, request.principal, request.params.spaceKey);
      return presentV1SpaceSettings(space, settings, request.surface);
    });

    app.put<KeyParams & { Body: unknown }>('/space/:spaceKey/settings', async (request) => {
      const { space, settings } = await updateSpaceSettings(
        deps,
        request.principal,
        request.params.spaceKey,
        request.body,
      );
      return presentV1SpaceSettings(space, settings, request.surface);
    });

    app.get<KeyParams>('/space/:spaceKey/state', async (request) =>
      (await listSpaceContentStates(deps, request.principal, request.params.spaceKey)).map(
        presentV1ContentState,
      ),
    );

    app.get<KeyParams>('/space/:spaceKey/state/settings', async (request) => {
      const { settings, spaceContentStates } = await getContentStateSettings(
        deps,
        request.principal,
        request.params.spaceKey,
      );
      return presentV1ContentStateSettings(settings, spaceContentStates);
    });
  };
}
