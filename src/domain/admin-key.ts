import { badRequest } from './errors.ts';

/**
 * Cloud's admin key: a time-limited elevation for a user who holds the global permission to administer
 * the site (`application:administer`) without being in confluence-administrators. While the key lasts,
 * and while they still hold that permission, they count as a site administrator (policy.ts): past
 * content restrictions and space permissions. It ends at `expiresAtMs`, or earlier when deleted.
 */
export interface AdminKey {
  userId: number;
  createdAtMs: number;
  expiresAtMs: number;
}

// Cloud's default when the body is empty or names 0 minutes (v2 spec); a day at most here, so a
// forgotten key does not outlive the working day it was taken for.
export const defaultAdminKeyMinutes = 10;
export const maxAdminKeyMinutes = 24 * 60;

export function adminKeyMinutesOf(body: unknown): number {
  if (body === undefined || body === null || body === '') return defaultAdminKeyMinutes;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object: {"durationInMinutes": n}', {
      field: 'durationInMinutes',
    });
  }
  const minutes = (body as Record<string, unknown>).durationInMinutes;
  if (minutes === undefined || minutes === null || minutes === 0) return defaultAdminKeyMinutes;
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < 0 ||
    minutes > maxAdminKeyMinutes
  ) {
    throw badRequest(`durationInMinutes must be a whole number from 0 to ${maxAdminKeyMinutes}`, {
      field: 'durationInMinutes',
    });
  }
  return minutes;
}
