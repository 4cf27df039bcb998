import { badRequest } from './errors.ts';

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

/** `SpaceSettingsUpdate`: only the fields given change; anything else in the body is a 400. */
export function checkSpaceSettingsUpdate(raw: unknown): Partial<SpaceSettings> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badRequest('The body must be an object of space settings');
  }
  const body = raw as Record<string, unknown>;
  const changes: Partial<SpaceSettings> = {};
  for (const [field, value] of Object.entries(body)) {
    if (field === 'routeOverrideEnabled') {
      if (typeof value !== 'boolean')
        throw badRequest('routeOverrideEnabled must be true or false', { field });
      changes.routeOverrideEnabled = value;
    } else if (field === 'contentMode') {
      const mode = contentModes.find((candidate) => candidate === value);
      if (value !== null && !mode) {
        throw badRequest(`contentMode must be one of ${contentModes.join(', ')} or null`, { field });
      }
      // null puts the space back to the mode it had before anyone chose one.
      changes.contentMode = mode ?? defaultSpaceSettings.contentMode;
    } else {
      throw badRequest(`Space settings have no field '${field}'`, { field });
    }
  }
  return changes;
}
