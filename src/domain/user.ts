export interface User {
  id: number;
  /** Lowercase, as Confluence stores it; what Data Center clients log in with. */
  username: string;
  /** Data Center's opaque 32-hex user key. */
  userKey: string;
  /** Cloud's account id. */
  accountId: string;
  displayName: string;
  email: string | null;
  active: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface Group {
  id: number;
  name: string;
  createdAtMs: number;
}

export const administratorsGroup = 'confluence-administrators';
export const usersGroup = 'confluence-users';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAtMs: number;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
  /** The app the token was issued to (`tributary apps add`); null for a user's own token. */
  appId: number | null;
}
