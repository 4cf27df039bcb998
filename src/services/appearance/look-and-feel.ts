import { defaultLookAndFeel, type LookAndFeel, type LookAndFeelType } from '../../domain/appearance.ts';
import { conflict } from '../../domain/errors.ts';
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
 * Cloud's look and feel (`/wiki/rest/api/settings/lookandfeel`): the site and each space may have a custom
 * look and feel, and select which one they show — `global` (for a space, the site's; for the site, the
 * stock one), `custom`, or, for a space with a theme, `theme`.
 */
const {
  customLookAndFeel: customSetting,
  lookAndFeelType: selectedSetting,
  theme: themeSetting,
} = settingNames;

export interface LookAndFeelSettings {
  selected: LookAndFeelType;
  global: LookAndFeel;
  custom: LookAndFeel;
}

async function selectedOf(deps: ServiceDeps, target: AppearanceTarget): Promise<LookAndFeelType> {
  return (await readSetting<LookAndFeelType>(deps, target, selectedSetting)) ?? 'global';
}

/** What the site shows: its custom look and feel when selected, else the stock one. */
async function siteLookAndFeel(deps: ServiceDeps): Promise<LookAndFeel> {
  const custom = await readSetting<LookAndFeel>(deps, siteTarget, customSetting);
  return custom && (await selectedOf(deps, siteTarget)) === 'custom' ? custom : defaultLookAndFeel;
}

export async function getLookAndFeelSettings(
  deps: ServiceDeps,
  principal: Principal,
  spaceKey?: string,
): Promise<LookAndFeelSettings> {
  const target = await appearanceTarget(deps, principal, spaceKey);
  const global = target.space ? await siteLookAndFeel(deps) : defaultLookAndFeel;
  const custom = (await readSetting<LookAndFeel>(deps, target, customSetting)) ?? global;
  return { selected: await selectedOf(deps, target), global, custom };
}

/** Which look and feel a space is to show. */
export interface LookAndFeelSelection {
  spaceKey: string;
  lookAndFeelType: LookAndFeelType;
}

export async function selectLookAndFeel(
  deps: ServiceDeps,
  principal: Principal,
  selection: LookAndFeelSelection,
): Promise<LookAndFeelSelection> {
  const { spaceKey, lookAndFeelType } = selection;
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  if (lookAndFeelType === 'theme' && (await readSetting(deps, target, themeSetting)) === undefined) {
    throw conflict(`Space ${spaceKey} has no theme to select`);
  }
  await writeSettings(deps, principal, target, 'Look and feel selected', {
    [selectedSetting]: lookAndFeelType,
  });
  return { spaceKey, lookAndFeelType };
}

export async function updateCustomLookAndFeel(
  deps: ServiceDeps,
  principal: Principal,
  lookAndFeel: LookAndFeel,
  spaceKey?: string,
): Promise<LookAndFeel> {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  await writeSettings(deps, principal, target, 'Look and feel customised', { [customSetting]: lookAndFeel });
  return lookAndFeel;
}

/** Drops the custom look and feel; a scope that showed it shows the global one again. */
export async function resetCustomLookAndFeel(deps: ServiceDeps, principal: Principal, spaceKey?: string) {
  const target = await appearanceTargetToEdit(deps, principal, spaceKey);
  const showsCustom = (await selectedOf(deps, target)) === 'custom';
  await writeSettings(deps, principal, target, 'Look and feel reset', {
    [customSetting]: undefined,
    ...(showsCustom ? { [selectedSetting]: undefined } : {}),
  });
}
