import { badRequest } from './errors.ts';

// Confluence space keys: ASCII letters and digits only, at most 255 of them (personal spaces' `~user`
// keys are made by the server, never sent by clients).
const spaceKeyPattern = /^[A-Za-z0-9]{1,255}$/;
// Cloud's SpaceCreate/SpaceUpdate schemas cap the name at 200 characters.
const maxSpaceNameLength = 200;

export function checkSpaceKey(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '')
    throw badRequest('A space key is required', { field: 'key' });
  if (typeof raw !== 'string' || !spaceKeyPattern.test(raw)) {
    throw badRequest(
      `Invalid space key: ${String(raw)}. A space key may contain only the ASCII letters A-Z and a-z and the digits 0-9, at most 255 of them`,
      { field: 'key' },
    );
  }
  return raw;
}

export function normaliseSpaceName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length === 0) throw badRequest('A space name is required', { field: 'name' });
  if (name.length > maxSpaceNameLength) {
    throw badRequest(`Space name cannot be longer than ${maxSpaceNameLength} characters`, { field: 'name' });
  }
  return name;
}

/**
 * The plain text of a v1 `description` (`{"plain": {"value": "...", "representation": "plain"}}`);
 * undefined when the client sent none.
 */
export function descriptionFromInput(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object')
    throw badRequest('description must be an object with plain.value', { field: 'description' });
  const plain = (raw as Record<string, unknown>).plain;
  if (plain === undefined || plain === null) return undefined;
  const value = typeof plain === 'object' ? (plain as Record<string, unknown>).value : undefined;
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw badRequest('description.plain.value must be text', { field: 'description' });
  }
  return value ?? '';
}
