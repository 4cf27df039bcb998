import { badRequest } from './errors.ts';

// Confluence stores usernames in lower case; we also keep them free of spaces and slashes so they
// can sit in URL paths (`/rest/api/admin/user/{username}`) unescaped.
const usernamePattern = /^[a-z0-9][a-z0-9._@+-]{0,254}$/;
const emailPattern = /^[^\s@]+@[^\s@]+$/;
const groupNamePattern = /^[a-z0-9][a-z0-9 ._@+-]{0,254}$/;

export const usernameRule = 'Username must be 1-255 characters: letters, digits and . _ @ + -';
export const emailRule = 'Email address is not valid';
export const displayNameRule = 'Full name must be 1-255 characters';
export const passwordRule = 'Password must be 1-1024 characters';

export function normaliseUsername(raw: unknown): string {
  const username = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!usernamePattern.test(username)) {
    throw badRequest(usernameRule, { field: 'username' });
  }
  return username;
}

export function normaliseEmail(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!emailPattern.test(email) || email.length > 255) {
    throw badRequest(emailRule, { field: 'email' });
  }
  return email;
}

export function normaliseDisplayName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length === 0 || name.length > 255) {
    throw badRequest(displayNameRule, { field: 'displayName' });
  }
  return name;
}

export function checkPassword(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1024) {
    throw badRequest(passwordRule, { field: 'password' });
  }
  return raw;
}

export function normaliseGroupName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!groupNamePattern.test(name)) {
    throw badRequest('Group name must be 1-255 characters: letters, digits, spaces and . _ @ + -', {
      field: 'name',
    });
  }
  return name;
}
