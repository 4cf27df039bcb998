import { badRequest } from './errors.ts';

// Confluence space keys: ASCII letters and digits only, at most 255 of them (personal spaces' `~user`
// keys are made by the server, never sent by clients).
const spaceKeyPattern = /^[A-Za-z0-9]{1,255}$/;
// Cloud's SpaceCreate/SpaceUpdate schemas cap the name at 200 characters.
const maxSpaceNameLength = 200;

/** What a space key may be, in the words of its refusal. */
export const spaceKeyRule =
  'A space key may contain only the ASCII letters A-Z and a-z and the digits 0-9, at most 255 of them';
/** The refusals of a key or name that is not text (a body schema's, where the value is not at hand). */
export const nonTextSpaceKey = `Invalid space key: not text. ${spaceKeyRule}`;
export const spaceNameRequired = 'A space name is required';

export function checkSpaceKey(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '')
    throw badRequest('A space key is required', { field: 'key' });
  if (typeof raw !== 'string' || !spaceKeyPattern.test(raw)) {
    throw badRequest(`Invalid space key: ${String(raw)}. ${spaceKeyRule}`, { field: 'key' });
  }
  return raw;
}

export function normaliseSpaceName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length === 0) throw badRequest(spaceNameRequired, { field: 'name' });
  if (name.length > maxSpaceNameLength) {
    throw badRequest(`Space name cannot be longer than ${maxSpaceNameLength} characters`, { field: 'name' });
  }
  return name;
}
