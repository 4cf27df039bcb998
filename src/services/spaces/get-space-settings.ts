import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  type ContentState,
  defaultSpaceContentStates,
  defaultSpaceSettings,
  type SpaceSettings,
} from '../../domain/space-settings.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireSpaceAdministrator, requireVisibleSpaceByKey } from '../permissions/space-access.ts';

/** Cloud v1 `GET /space/{key}/settings`: for whoever may view the space. */
export async function getSpaceSettings(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<{ space: Space; settings: SpaceSettings }> {
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return { space, settings: (await deps.store.spaces.settings(space.id)) ?? defaultSpaceSettings };
}

/**
 * Cloud v1 `GET /space/{key}/state`: the content states the space suggests, none when its settings
 * allow no space states (or no states at all). Content states on content use the same settings.
 */
export async function listSpaceContentStates(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<readonly ContentState[]> {
  const { settings } = await getSpaceSettings(deps, principal, spaceKey);
  return settings.contentStatesAllowed && settings.spaceContentStatesAllowed ? defaultSpaceContentStates : [];
}

/** Cloud v1 `GET /space/{key}/state/settings`: for the space's administrators, as Cloud documents. */
export async function getContentStateSettings(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<{ settings: SpaceSettings; spaceContentStates: readonly ContentState[] }> {
  const { space, settings } = await getSpaceSettings(deps, principal, spaceKey);
  await requireSpaceAdministrator(deps, principal, space);
  return {
    settings,
    spaceContentStates:
      settings.contentStatesAllowed && settings.spaceContentStatesAllowed ? defaultSpaceContentStates : [],
  };
}
