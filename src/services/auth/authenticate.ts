import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { anonymousPrincipal, type Principal } from '../../domain/principal.ts';
import type { ApiToken, User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { principalOfUser, type UserPrincipal } from '../users/principal-of-user.ts';
import { hashTokenSecret } from './api-token-secret.ts';
import { bearerPrincipals } from './bearer-principals.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { unknownLoginKey, userAttemptKey } from './sign-in-limiter.ts';

export type Credentials =
  | { scheme: 'basic'; login: string; secret: string }
  | { scheme: 'bearer'; token: string }
  /** The web interface's sign-in form: a password only, never a token. */
  | { scheme: 'password'; login: string; password: string }
  /** The secret of a web interface session, from its cookie. */
  | { scheme: 'session'; secret: string }
  | { scheme: 'none' };

export interface AuthenticatorOptions {
  anonymousAccess: boolean;
  /** How far each use of a web session moves its expiry on. */
  sessionIdleMs: number;
}

export interface Authenticator {
  /** `clientAddress` counts failed passwords against the address too (services/auth/sign-in-limiter.ts). */
  authenticate(credentials: Credentials, clientAddress?: string): Promise<Principal>;
}

// Remembering recent successful password checks keeps scrypt off the hot path for scripted clients
// that send Basic auth on every request. Keys include the stored hash, so a password change or reset
// invalidates them without any bookkeeping.
const verifiedCacheSize = 1024;
// Token use is recorded at most this often, so reads do not turn into writes.
const lastUsedResolutionMs = 60_000;

export function createAuthenticator(deps: ServiceDeps, options: AuthenticatorOptions): Authenticator {
  const verified = new Set<string>();
  // Spending a password check on unknown logins too keeps response times from revealing who exists.
  let decoyHash: Promise<string> | undefined;
  const spendDecoyCheck = async (secret: string) => {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(secret, await decoyHash);
  };

  const rejected = () =>
    new DomainError('not_signed_in', { detail: 'Authentication failed: wrong username or password' });

  const principalOf = async (user: User | undefined): Promise<UserPrincipal> => {
    if (!user?.active) throw rejected();
    return principalOfUser(deps, user);
  };

  const findToken = (secret: string) =>
    deps.store.tokens.findUsable(hashTokenSecret(secret), deps.clock.nowMs());

  /** Signs in with a token that was accepted, recording its use at most once a minute. */
  const principalOfToken = async (token: ApiToken): Promise<Principal> => {
    const user = await principalOf(await deps.store.users.findById(token.userId));
    // An app's token acts as its user within the app's access rules (services/permissions/policy.ts).
    const app = token.appId === null ? undefined : await deps.store.apps.findById(token.appId);
    if (token.appId !== null && !app) throw rejected();
    const principal = app ? { ...user, app: { id: app.id, name: app.name } } : user;
    const nowMs = deps.clock.nowMs();
    if (token.lastUsedAtMs === null || nowMs - token.lastUsedAtMs > lastUsedResolutionMs) {
      await deps.store.tokens.markUsed(token.id, nowMs);
    }
    return principal;
  };

  const principalOfBearer = bearerPrincipals(
    deps,
    principalOfToken,
    (sha256) => deps.store.tokens.findUsable(sha256, deps.clock.nowMs()),
    lastUsedResolutionMs,
  );

  const passwordMatches = async (user: User, password: string): Promise<boolean> => {
    const stored = await deps.store.users.passwordHashOf(user.id);
    if (stored === null) {
      // A user with no password (signed in by token only) takes as long to refuse as anyone.
      await spendDecoyCheck(password);
      return false;
    }
    const proof = createHash('sha256').update(`${user.id}\0${stored}\0${password}`).digest('hex');
    if (verified.has(proof)) return true;
    if (!(await verifyPassword(password, stored))) return false;
    if (verified.size >= verifiedCacheSize) verified.clear();
    verified.add(proof);
    return true;
  };

  /**
   * A password sign-in, counted by the limiter: a user or address locked out is refused before any
   * password is checked (so a guess then costs no scrypt), even when the password is right.
   */
  const signInWithPassword = async (
    user: User | undefined,
    login: string,
    password: string,
    clientAddress: string | undefined,
  ): Promise<Principal> => {
    // Unknown logins are counted by name, so they lock out as a real user would and reveal nothing.
    const attempt = { userKey: user ? userAttemptKey(user.id) : unknownLoginKey(login), clientAddress };
    await deps.signIns.begin(attempt);
    if (!user) {
      await spendDecoyCheck(password);
      deps.signIns.failed(attempt);
      throw rejected();
    }
    if (!(await passwordMatches(user, password))) {
      deps.signIns.failed(attempt);
      throw rejected();
    }
    deps.signIns.succeeded(attempt);
    return principalOf(user);
  };

  return {
    async authenticate(credentials, clientAddress) {
      switch (credentials.scheme) {
        case 'none':
          if (!options.anonymousAccess) {
            throw new DomainError('not_signed_in', { detail: 'This resource requires authentication' });
          }
          return anonymousPrincipal;
        case 'bearer': {
          const principal = await principalOfBearer(credentials.token);
          if (!principal) throw rejected();
          return principal;
        }
        case 'password': {
          const user = await deps.store.users.findByLogin(credentials.login);
          return signInWithPassword(user, credentials.login, credentials.password, clientAddress);
        }
        case 'session': {
          const nowMs = deps.clock.nowMs();
          const session = await deps.store.webSessions.findUsable(hashTokenSecret(credentials.secret), nowMs);
          if (!session)
            throw new DomainError('not_signed_in', { detail: 'The session has ended; sign in again' });
          const principal = await principalOf(await deps.store.users.findById(session.userId));
          if (nowMs - session.lastSeenAtMs > lastUsedResolutionMs) {
            await deps.store.webSessions.touch(session.id, nowMs, nowMs + options.sessionIdleMs);
          }
          return principal;
        }
        case 'basic': {
          const user = await deps.store.users.findByLogin(credentials.login);
          // Cloud clients send `email:api_token`; Data Center ones `username:password`. Accept both; a
          // token (256 random bits, no guessing) is not a password and is not counted.
          const token = user && (await findToken(credentials.secret));
          if (user && token?.userId === user.id) return principalOfToken(token);
          return signInWithPassword(user, credentials.login, credentials.secret, clientAddress);
        }
      }
    },
  };
}
