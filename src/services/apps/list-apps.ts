import type { App } from '../../domain/app.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export interface AppSummary {
  app: App;
  /** Tokens neither revoked nor expired. */
  usableTokens: number;
  blockedSpaceCount: number;
}

/** The site's apps by name, with how many working tokens each has and how many spaces it is blocked from. */
export async function listApps(deps: ServiceDeps, principal: Principal): Promise<AppSummary[]> {
  requireAdministrator(principal);
  const nowMs = deps.clock.nowMs();
  const summaries: AppSummary[] = [];
  for (const { app, blockedSpaces } of await deps.store.apps.rules()) {
    summaries.push({
      app,
      usableTokens: await deps.store.tokens.countUsableOfApp(app.id, nowMs),
      blockedSpaceCount: blockedSpaces.length,
    });
  }
  return summaries;
}
