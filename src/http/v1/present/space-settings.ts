import type { Space } from '../../../domain/content.ts';
import type { ContentState, SpaceSettings } from '../../../domain/space-settings.ts';
import type { Surface } from '../../common/surface.ts';

/** Cloud v1 `SpaceSettings`. */
export function presentV1SpaceSettings(space: Space, settings: SpaceSettings, surface: Surface) {
  return {
    routeOverrideEnabled: settings.routeOverrideEnabled,
    contentMode: settings.contentMode,
    spaceKey: space.key,
    _links: {
      base: surface.base,
      context: surface.context,
      self: `${surface.base}/rest/api/space/${space.key}/settings`,
    },
  };
}

/** Cloud v1 `ContentStateSettings`. */
export function presentV1ContentStateSettings(settings: SpaceSettings, states: readonly ContentState[]) {
  return {
    contentStatesAllowed: settings.contentStatesAllowed,
    customContentStatesAllowed: settings.customContentStatesAllowed,
    spaceContentStatesAllowed: settings.spaceContentStatesAllowed,
    spaceContentStates: states.map(presentV1ContentState),
  };
}

export function presentV1ContentState(state: ContentState) {
  return { id: state.id, name: state.name, color: state.color };
}
