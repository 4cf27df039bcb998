import { badRequest } from './errors.ts';
import { checkPropertyKey, checkPropertyValue } from './property.ts';

/** A JSON value stored against a user (Cloud v1 `/user/{userId}/property/{key}`); not versioned. */
export interface UserProperty {
  id: number;
  userId: number;
  key: string;
  /** A JSON object, as the client sent it. */
  value: Record<string, unknown>;
  createdAtMs: number;
  updatedAtMs: number;
}

/** A JSON value an app keeps for itself (Cloud v2's Forge app properties); each app sees only its own. */
export interface AppProperty {
  appId: number;
  key: string;
  value: unknown;
  createdAtMs: number;
  updatedAtMs: number;
}

// Cloud v1's path pattern for user property keys.
const userPropertyKeyPattern = /^[-_a-zA-Z0-9]+$/;

export function checkUserPropertyKey(raw: unknown): string {
  const key = checkPropertyKey(raw);
  if (!userPropertyKeyPattern.test(key)) {
    throw badRequest('A user property key holds only letters, digits, - and _', { field: 'key' });
  }
  return key;
}

/** Also the refusal of a value that is no JSON object, given where the body is read. */
export const userPropertyValueRefusal = 'The property value must be a JSON object that is not empty';

/** The property value must be a JSON object with something in it (Cloud: "the value is empty"). */
export function checkUserPropertyValue(value: Record<string, unknown>): Record<string, unknown> {
  if (Object.keys(value).length === 0) throw badRequest(userPropertyValueRefusal, { field: 'value' });
  return checkPropertyValue(value) as Record<string, unknown>;
}

// Cloud v2 refuses app property keys longer than 127 characters (spec: 400).
export const maxAppPropertyKeyLength = 127;

export function checkAppPropertyKey(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxAppPropertyKeyLength) {
    throw badRequest(`An app property key is 1-${maxAppPropertyKeyLength} characters`, {
      field: 'propertyKey',
    });
  }
  return raw;
}
