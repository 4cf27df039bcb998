import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  getContentStateSettings,
  getSpaceSettings,
  listSpaceContentStates,
} from '../../../services/spaces/get-space-settings.ts';
import { updateSpaceSettings } from '../../../services/spaces/update-space-settings.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import {
  presentV1ContentState,
  presentV1ContentStateSettings,
  presentV1SpaceSettings,
} from '../present/space-settings.ts';
import { SpaceKeyParams, SpaceSettingsBody, spaceSettingsBodyRefusal } from '../schemas/space-lifecycle.ts';

/** Cloud v1 space settings, and the content states a space suggests (`/space/{key}/state…`). */
export function v1SpaceSettingsRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/space/:spaceKey/settings', { schema: { params: SpaceKeyParams } }, async (request) => {
      const { space, settings } = await getSpaceSettings(deps, request.principal, request.params.spaceKey);
      return presentV1SpaceSettings(space, settings, request.surface);
    });

    app.put(
      '/space/:spaceKey/settings',
      {
        schema: { params: SpaceKeyParams, body: SpaceSettingsBody },
        schemaErrorFormatter: bodyRefusedAs(spaceSettingsBodyRefusal),
      },
      async (request) => {
        const { space, settings } = await updateSpaceSettings(
          deps,
          request.principal,
          request.params.spaceKey,
          request.body,
        );
        return presentV1SpaceSettings(space, settings, request.surface);
      },
    );

    app.get('/space/:spaceKey/state', { schema: { params: SpaceKeyParams } }, async (request) =>
      (await listSpaceContentStates(deps, request.principal, request.params.spaceKey)).map(
        presentV1ContentState,
      ),
    );

    app.get('/space/:spaceKey/state/settings', { schema: { params: SpaceKeyParams } }, async (request) => {
      const { settings, spaceContentStates } = await getContentStateSettings(
        deps,
        request.principal,
        request.params.spaceKey,
      );
      return presentV1ContentStateSettings(settings, spaceContentStates);
    });
  };
}
