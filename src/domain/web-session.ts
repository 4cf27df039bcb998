/** A browser signed in to the web interface; the secret it holds is never stored, only its hash. */
export interface WebSession {
  /** Random and public: named in the administrator's list of a user's sessions, to revoke one. */
  id: string;
  userId: number;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** When it ends unless used again; each use moves it on by the idle limit. */
  expiresAtMs: number;
  revokedAtMs: number | null;
  userAgent: string;
  remoteAddress: string;
}

export interface NewWebSession extends Omit<WebSession, 'revokedAtMs'> {
  secretSha256: string;
}
