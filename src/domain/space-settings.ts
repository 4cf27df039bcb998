export const contentModes = ['standard', 'compact'] as const;
export type ContentMode = (typeof contentModes)[number];

/**
 * A space's settings (Cloud v1 `/space/{key}/settings`) and whether content states may be put on its
 * content (`/space/{key}/state/settings`); a space nobody configured has `defaultSpaceSettings`.
 */
export interface SpaceSettings {
  routeOverrideEnabled: boolean;
  contentMode: ContentMode;
  contentStatesAllowed: boolean;
  customContentStatesAllowed: boolean;
  spaceContentStatesAllowed: boolean;
}

export const defaultSpaceSettings: SpaceSettings = {
  routeOverrideEnabled: false,
  contentMode: 'standard',
  contentStatesAllowed: true,
  customContentStatesAllowed: true,
  spaceContentStatesAllowed: true,
};

export interface ContentState {
  id: number;
  name: string;
  color: string;
}

/** Cloud's suggested states of every space; ids 0, 1 and 2 mark them as the defaults (ContentState.id). */
export const defaultSpaceContentStates: readonly ContentState[] = [
  { id: 0, name: 'Rough draft', color: '#ff7452' },
  { id: 1, name: 'In progress', color: '#2684ff' },
  { id: 2, name: 'Ready for review', color: '#57d9a3' },
];

/** Cloud's `SpaceSettingsUpdate`: the fields to change; a `null` content mode means the default one. */
export interface SpaceSettingsUpdate {
  routeOverrideEnabled?: boolean;
  contentMode?: ContentMode | null;
}

/** What an update changes: only the fields given. */
export function spaceSettingsChangesOf(update: SpaceSettingsUpdate): Partial<SpaceSettings> {
  const changes: Partial<SpaceSettings> = {};
  if (update.routeOverrideEnabled !== undefined) changes.routeOverrideEnabled = update.routeOverrideEnabled;
  // null puts the space back to the mode it had before anyone chose one.
  if (update.contentMode !== undefined) {
    changes.contentMode = update.contentMode ?? defaultSpaceSettings.contentMode;
  }
  return changes;
}
