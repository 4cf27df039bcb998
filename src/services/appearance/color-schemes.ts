import {
  type ColorSchemeChange,
  type ColorSchemeType,
  colorSchemeWith,
  defaultColorScheme,
  type ThemedColorScheme,
} from '../../domain/appearance.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  type AppearanceTarget,
  appearanceTarget,
  appearanceTargetToEdit,
  readSetting,
  settingNames,
  siteTarget,
  writeSettings,
} from './appearance-settings.ts';

/**
 * Data Center's colour schemes (`/rest/api/color-scheme`, `/rest/api/space/{key}/color-scheme`): the site
 * has one, Confluence's stock scheme until an administrator sets another; a space shows the site's
 * (`global`) or its own (`custom`), which its administrators set.
 */
const { colorScheme: schemeSetting, colorSchemeType: typeSetting } = settingNames;

async function schemeOf(deps: ServiceDeps, target: AppearanceTarget): Promise<ThemedColorScheme> {
  const own = await readSetting<ThemedColorScheme>(deps, target, schemeSetting);
  if (own) return own;
  return target.space ? schemeOf(deps, siteTarget) : defaultColorScheme;
}

/** The scheme of the space named (its own, or the site's while it has none), or of the site. */
export async function getColorScheme(deps: ServiceDeps, principal: Principal, spaceKey?: string) {
  return schemeOf(deps, await appearanceTarget(deps, principal, spaceKey));
}

/** Saves the colours sent over the current scheme; a space's own scheme starts from the site's. */
export async function setColorScheme(
  deps: ServiceDeps,
  principal: Principal,
  change: ColorSchemeChange,
  spaceKey?: string,
) {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  const scheme = colorSchemeWith(await schemeOf(deps, target), change);
  await writeSettings(deps, principal, target, 'Colour scheme changed', { [schemeSetting]: scheme });
  return scheme;
}

/** Back to the stock scheme (the site), or to showing the site's (a space). */
export async function resetColorScheme(deps: ServiceDeps, principal: Principal, spaceKey?: string) {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  await writeSettings(deps, principal, target, 'Colour scheme reset', {
    [schemeSetting]: undefined,
    ...(target.space ? { [typeSetting]: undefined } : {}),
  });
  return schemeOf(deps, target);
}

export async function getColorSchemeType(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<ColorSchemeType> {
  const target = await appearanceTarget(deps, principal, spaceKey);
  return (await readSetting<ColorSchemeType>(deps, target, typeSetting)) ?? 'global';
}

export async function setColorSchemeType(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  type: ColorSchemeType,
): Promise<ColorSchemeType> {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  await writeSettings(deps, principal, target, 'Colour scheme type changed', { [typeSetting]: type });
  return type;
}
