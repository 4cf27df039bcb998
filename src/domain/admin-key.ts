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

/** Also the refusal of a duration that is no number, given where the body is read. */
export const adminKeyMinutesRefusal = `durationInMinutes must be a whole number from 0 to ${maxAdminKeyMinutes}`;

/** The minutes a key is asked for: none or 0 means the default; otherwise a whole number up to the maximum. */
export function adminKeyMinutesOf(durationInMinutes: number | undefined): number {
  if (durationInMinutes === undefined || durationInMinutes === 0) return defaultAdminKeyMinutes;
  if (
    !Number.isInteger(durationInMinutes) ||
    durationInMinutes < 0 ||
    durationInMinutes > maxAdminKeyMinutes
  ) {
    throw badRequest(adminKeyMinutesRefusal, { field: 'durationInMinutes' });
  }
  return durationInMinutes;
}
