import type { App } from '../../domain/app.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAppByName } from './find-app.ts';

export interface RemovedApp {
  app: App;
  revokedTokens: number;
}

/** Removes an app with its rules; its tokens are revoked in the same transaction, so none outlives it. */
export async function removeApp(
  deps: ServiceDeps,
  principal: Principal,
  appName: string,
): Promise<RemovedApp> {
  requireAdministrator(principal);
  return deps.store.transaction(async (repositories) => {
    const app = await requireAppByName(repositories.apps, appName);
    const revokedTokens = await repositories.tokens.revokeAllOfApp(app.id, deps.clock.nowMs());
    const [rules] = await repositories.apps.rules([app.id]);
    await repositories.apps.remove(app.id);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Apps',
      summary: 'App removed',
      objectType: 'app',
      objectId: String(app.id),
      objectName: app.name,
      changes: [
        { name: 'Name', before: app.name, after: '' },
        {
          name: 'Blocked spaces',
          before: (rules?.blockedSpaces ?? []).map((space) => space.key).join(', '),
          after: '',
        },
        { name: 'Tokens revoked', before: 0, after: revokedTokens },
      ],
    });
    return { app, revokedTokens };
  });
}
