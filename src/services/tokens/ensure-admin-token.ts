import { conflict } from '../../domain/errors.ts';
import { generateTokenSecret, hashTokenSecret } from '../auth/api-token-secret.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';

/**
 * Makes `secret` a usable API token of `admin` (TRIBUTARY_ADMIN_TOKEN), so a CI job can send a Bearer
 * header it chose itself; without a secret, one is generated (`serve --ephemeral` prints it). A token
 * with this secret already usable is kept as it is. Answers the secret.
 */
export async function ensureAdminToken(deps: ServiceDeps, secret: string | undefined): Promise<string> {
  const chosen = secret ?? generateTokenSecret();
  const tokenSha256 = hashTokenSecret(chosen);
  const nowMs = deps.clock.nowMs();
  if (await deps.store.tokens.findUsable(tokenSha256, nowMs)) return chosen;
  const admin = await requireUserByUsername(deps.store.users, 'admin');
  try {
    await deps.store.transaction((repositories) =>
      repositories.tokens.insert({
        userId: admin.id,
        name: 'TRIBUTARY_ADMIN_TOKEN',
        tokenSha256,
        createdAtMs: nowMs,
        expiresAtMs: null,
      }),
    );
  } catch (error) {
    // Secrets are unique: the only token this insert can clash with has this secret and was revoked.
    throw conflict('The TRIBUTARY_ADMIN_TOKEN secret belongs to a revoked or expired token: choose another', {
      cause: error,
    });
  }
  return chosen;
}
