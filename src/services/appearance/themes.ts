import { type Theme, themeOf, themes } from '../../domain/appearance.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  appearanceTarget,
  appearanceTargetToEdit,
  readSetting,
  settingNames,
  siteTarget,
  writeSettings,
} from './appearance-settings.ts';

/**
 * Cloud's themes (`/wiki/rest/api/settings/theme`, `/wiki/rest/api/space/{key}/theme`): the themes this
 * server has (domain/appearance.ts), the site's theme if one is assigned, and each space's.
 */
const { theme: themeSetting, lookAndFeelType } = settingNames;

export function listThemes(window: Window): Slice<Theme> {
  return { items: themes.slice(window.start, window.start + window.limit), total: themes.length };
}

export function getTheme(themeKey: string): Theme {
  const theme = themeOf(themeKey);
  if (!theme) throw notFound(`No theme with key ${themeKey}`, { themeKey });
  return theme;
}

/** Cloud answers 404 while the site uses the default theme, which is until a theme is assigned. */
export async function getSiteTheme(deps: ServiceDeps): Promise<Theme> {
  const themeKey = await readSetting<string>(deps, siteTarget, themeSetting);
  const theme = themeKey === undefined ? undefined : themeOf(themeKey);
  if (!theme) throw notFound('No global theme is assigned; the default theme is used');
  return theme;
}

export async function getSpaceTheme(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<Theme> {
  const target = await appearanceTarget(deps, principal, spaceKey);
  const themeKey = await readSetting<string>(deps, target, themeSetting);
  const theme = themeKey === undefined ? undefined : themeOf(themeKey);
  if (!theme) throw notFound(`Space ${spaceKey} has no theme assigned`, { spaceKey });
  return theme;
}

/** The Cloud spec answers an unknown theme key, or none, with 403, not 400. */
export const unknownThemeKey = (themeKey: unknown) => forbidden(`No theme with key ${String(themeKey)}`);

export async function setSpaceTheme(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
  themeKey: string,
): Promise<Theme> {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  const theme = themeOf(themeKey);
  if (!theme) throw unknownThemeKey(themeKey);
  await writeSettings(deps, principal, target, 'Space theme changed', { [themeSetting]: theme.themeKey });
  return theme;
}

/** The space goes back to the default theme; a look and feel that followed the theme follows the site. */
export async function resetSpaceTheme(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey: string,
): Promise<void> {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  const followsTheme = (await readSetting(deps, target, lookAndFeelType)) === 'theme';
  await writeSettings(deps, principal, target, 'Space theme reset', {
    [themeSetting]: undefined,
    ...(followsTheme ? { [lookAndFeelType]: undefined } : {}),
  });
}
