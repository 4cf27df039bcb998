import type { SettingSpec } from '../config/settings.ts';

/** A server setting's flag as a commander option: the flag with a value, and its description. */
export function settingOption(setting: SettingSpec): [flags: string, description: string] {
  return [`${setting.flag} <value>`, `${setting.description} [env ${setting.env}]`];
}
