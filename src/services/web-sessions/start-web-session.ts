import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/principal.ts';
import { hashTokenSecret } from '../auth/api-token-secret.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import type { ServiceDeps } from '../deps.ts';

export interface SignInInput {
  login: string;
  password: string;
  userAgent: string;
  remoteAddress: string;
  idleMs: number;
}

export interface StartedWebSession {
  /** For the cookie only: shown once, stored as its hash. */
  secret: string;
  principal: Principal;
}

/** The web interface's sign-in: a password (never a token) opens a session that survives restarts. */
export async function startWebSession(
  deps: ServiceDeps,
  authenticator: Authenticator,
  input: SignInInput,
): Promise<StartedWebSession> {
  const principal = await authenticator.authenticate(
    { scheme: 'password', login: input.login, password: input.password },
    input.remoteAddress,
  );
  if (principal.kind !== 'user') throw new Error('a password sign-in answered without a user');
  const secret = randomBytes(32).toString('base64url');
  const nowMs = deps.clock.nowMs();
  await deps.store.webSessions.insert({
    id: randomUUID(),
    userId: principal.user.id,
    secretSha256: hashTokenSecret(secret),
    createdAtMs: nowMs,
    lastSeenAtMs: nowMs,
    expiresAtMs: nowMs + input.idleMs,
    // Shown to the user and administrators in the list of sessions, to tell them apart.
    userAgent: input.userAgent.slice(0, 300),
    remoteAddress: input.remoteAddress,
  });
  return { secret, principal: { ...principal, remoteAddress: input.remoteAddress } };
}
