import type { ContentState, VersionState } from '../../../domain/content-state.ts';
import { isoOf } from '../../common/time.ts';

/** `ContentState`. */
export const presentContentState = (state: ContentState) => ({
  id: state.id,
  name: state.name,
  color: state.color,
});

/** `ContentStateResponse`; empty for content without a state (the spec's `contentState` is not nullable). */
export const presentContentStateResponse = (versionState: VersionState | undefined) =>
  versionState
    ? { contentState: presentContentState(versionState.state), lastUpdated: isoOf(versionState.setAtMs) }
    : {};
