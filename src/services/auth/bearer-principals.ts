import type { Principal } from '../../domain/principal.ts';
import type { ApiToken } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { hashTokenSecret } from './api-token-secret.ts';

/** What a Bearer token resolves to when nothing is remembered: the token's user (and app), or a refusal. */
export type ResolveToken = (token: ApiToken) => Promise<Principal>;

interface Remembered {
  principal: Principal;
  generation: number;
  /** The first moment the answer may no longer hold: the token's or an admin key's end, or its next use to record. */
  untilMs: number;
}

// Scripted clients send the same few tokens on every request; the cap only guards memory.
const rememberedTokens = 1024;

/**
 * Bearer tokens to principals, kept across requests while the store's permission generation stands
 * still (ports/metadata-store.ts): revoking the token, deactivating its user, changing their groups or
 * the app's blocks moves it, so the next request is answered afresh. Time ends an answer too: the
 * token's expiry, the end of an admin key that made the user an administrator, and the next moment the
 * token's use is due to be recorded. Without a generation (PostgreSQL), every request resolves afresh.
 */
export function bearerPrincipals(
  deps: ServiceDeps,
  resolve: ResolveToken,
  findToken: (sha256: string) => Promise<ApiToken | undefined>,
  useRecordedEveryMs: number,
) {
  const remembered = new Map<string, Remembered>();

  const untilOf = async (token: ApiToken, principal: Principal, nowMs: number) => {
    const usedAtMs =
      token.lastUsedAtMs === null || nowMs - token.lastUsedAtMs > useRecordedEveryMs
        ? nowMs
        : token.lastUsedAtMs;
    let untilMs = Math.min(token.expiresAtMs ?? Number.POSITIVE_INFINITY, usedAtMs + useRecordedEveryMs);
    if (principal.kind === 'user' && principal.isAdministrator) {
      const key = await deps.store.adminKeys.findLive(principal.user.id, nowMs);
      if (key) untilMs = Math.min(untilMs, key.expiresAtMs);
    }
    return untilMs;
  };

  /** The principal of a Bearer token, or undefined when no usable token has that secret. */
  return async function principalOfBearer(secret: string): Promise<Principal | undefined> {
    const sha256 = hashTokenSecret(secret);
    const generation = deps.store.permissionGeneration?.();
    const nowMs = deps.clock.nowMs();
    const known = remembered.get(sha256);
    if (known && known.generation === generation && nowMs < known.untilMs) return known.principal;
    const token = await findToken(sha256);
    if (!token) return undefined;
    const principal = await resolve(token);
    if (generation === undefined) return principal;
    const untilMs = await untilOf(token, principal, nowMs);
    if (remembered.size >= rememberedTokens) remembered.clear();
    remembered.set(sha256, { principal, generation, untilMs });
    return principal;
  };
}
