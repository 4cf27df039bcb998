import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAppByName } from './find-app.ts';

/**
 * Revokes every token of an app at once, keeping the app and its rules: what an administrator does when a
 * token may have leaked. Answers how many were revoked; an app without tokens changes nothing.
 */
export async function revokeAppTokens(
  deps: ServiceDeps,
  principal: Principal,
  appName: string,
): Promise<number> {
  requireAdministrator(principal);
  return deps.store.transaction(async (repositories) => {
    const app = await requireAppByName(repositories.apps, appName);
    const revoked = await repositories.tokens.revokeAllOfApp(app.id, deps.clock.nowMs());
    if (revoked > 0) {
      await recordAudit(repositories, deps.clock, principal, {
        category: 'Security',
        summary: 'App tokens revoked',
        objectType: 'app',
        objectId: String(app.id),
        objectName: app.name,
        changes: [{ name: 'Tokens revoked', before: 0, after: revoked }],
      });
    }
    return revoked;
  });
}
