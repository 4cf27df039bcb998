import type { AppRules } from '../../domain/app.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAppByName } from './find-app.ts';

/** Every app's access rules by app name, or the named app's alone (404 when there is no such app). */
export async function listAppRules(
  deps: ServiceDeps,
  principal: Principal,
  appName?: string,
): Promise<AppRules[]> {
  requireAdministrator(principal);
  if (appName === undefined) return deps.store.apps.rules();
  const app = await requireAppByName(deps.store.apps, appName);
  return deps.store.apps.rules([app.id]);
}
