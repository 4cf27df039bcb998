import { badRequest } from './errors.ts';

/** A content state (Cloud's page status lozenge): ids 0 to 2 are the space's, the rest users' own. */
export interface ContentState {
  id: number;
  name: string;
  color: string;
}

/** The state a content version was published with, and when it was set. */
export interface VersionState {
  state: ContentState;
  setAtMs: number;
}

/**
 * The states every space suggests. Cloud documents ids 0, 1 and 2 as the default space states
 * (ContentState.id in the Cloud v1 spec); the names and colours are Cloud's defaults.
 */
export const spaceContentStates: readonly ContentState[] = Object.freeze([
  { id: 0, name: 'Rough draft', color: '#ffc400' },
  { id: 1, name: 'In progress', color: '#2684ff' },
  { id: 2, name: 'Ready for review', color: '#57d9a3' },
]);

export const firstCustomStateId = spaceContentStates.length;

/** How many custom states `state/available` offers, as the editor's list does (Cloud v1 spec). */
export const recentCustomStatesOffered = 3;

/** A custom state's name: 1 to 20 characters (ContentStateRestInput.name). */
export const stateNameRule = 'A content state name must have 1 to 20 characters';
export const stateColorRule = 'A content state color must be in 6 digit hex form, such as #ff7452';

export function stateNameOf(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length === 0 || name.length > 20) {
    throw badRequest(stateNameRule, { field: 'name' });
  }
  return name;
}

/** A colour in six-digit hex form (`#FFFFFF`), kept lower-case so equal colours compare equal. */
export function stateColorOf(raw: unknown): string {
  if (typeof raw !== 'string' || !/^#[0-9a-f]{6}$/i.test(raw)) {
    throw badRequest(stateColorRule, { field: 'color' });
  }
  return raw.toLowerCase();
}
