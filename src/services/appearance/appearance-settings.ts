import type { Space } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { AppearanceScope } from '../../ports/appearance-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  requireSpaceAdministrator,
  requireVisibleSpaceByKey,
  requireWriter,
} from '../permissions/space-access.ts';

/**
 * What every appearance use case shares: where a setting lives (the site, or a space the caller may see),
 * who may change it (an administrator; for a space, its administrators), and the audited write.
 */
export interface AppearanceTarget {
  scope: AppearanceScope;
  space: Space | null;
}

/** The names settings are stored under, one per document. */
export const settingNames = {
  colorScheme: 'colorScheme',
  colorSchemeType: 'colorSchemeType',
  customLookAndFeel: 'lookAndFeel',
  lookAndFeelType: 'lookAndFeelType',
  theme: 'theme',
} as const;

export const siteTarget: AppearanceTarget = { scope: { site: true }, space: null };

/** The space by key, or the site when there is none; a space the caller cannot see is a 404. */
export async function appearanceTarget(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string | undefined,
): Promise<AppearanceTarget> {
  if (spaceKey === undefined) return siteTarget;
  const space = await requireVisibleSpaceByKey(deps, principal, spaceKey);
  return { scope: { spaceId: space.id }, space };
}

/** The target a change is made to: the site's for site administrators, a space's for its administrators. */
export async function appearanceTargetToEdit(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string | undefined,
): Promise<AppearanceTarget> {
  const target = await appearanceTarget(deps, principal, spaceKey);
  requireWriter(principal);
  if (target.space) await requireSpaceAdministrator(deps, principal, target.space);
  else requireAdministrator(principal);
  return target;
}

export async function readSetting<T>(
  deps: ServiceDeps,
  target: AppearanceTarget,
  name: string,
): Promise<T | undefined> {
  return (await deps.store.appearance.get(target.scope, name)) as T | undefined;
}

/** Saves (or, with `undefined`, removes) settings in one transaction with their audit record. */
export async function writeSettings(
  deps: ServiceDeps,
  principal: Principal,
  target: AppearanceTarget,
  summary: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await deps.store.transaction(async (repositories) => {
    const changes = [];
    for (const [name, value] of Object.entries(settings)) {
      const before = await repositories.appearance.get(target.scope, name);
      if (value === undefined) await repositories.appearance.remove(target.scope, name);
      else await repositories.appearance.put(target.scope, name, value, deps.clock.nowMs());
      changes.push({ name, before, after: value });
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: target.space ? 'Spaces' : 'Global configuration',
      summary,
      space: target.space,
      ...(target.space ? {} : { objectType: 'Site', objectId: 'site', objectName: 'Site' }),
      changes,
    });
  });
}
