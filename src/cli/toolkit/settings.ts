/**
 * Every environment variable the toolkit reads, documented once: the connection options' help is built
 * from this table, the code reads the variables through it, and test/docs.test.ts keeps the docs' "Toolkit
 * environment" table in step with it (as src/config/settings.ts does for the server's settings).
 */
/** The settings a flag may also give; the flag wins over the variable. */
type FlagSettingKey = 'url' | 'user' | 'token' | 'bearer' | 'profile' | 'profileFile';
export type ToolkitSettingKey = FlagSettingKey | 'configHome';

export interface ToolkitSettingSpec {
  env: string;
  /** The flag, with its value's placeholder. */
  flag?: { name: string; value: string };
  defaultText: string;
  description: string;
  /** The help names the default after the description (the profile file's place is not obvious). */
  defaultInHelp?: boolean;
}

type FlagSettingSpec = ToolkitSettingSpec & Required<Pick<ToolkitSettingSpec, 'flag'>>;

const flagSettings: Record<FlagSettingKey, FlagSettingSpec> = {
  url: {
    env: 'TRIBUTARY_URL',
    flag: { name: '--url', value: '<url>' },
    defaultText: '(none)',
    description: 'the Confluence or Tributary site, e.g. https://example.atlassian.net',
  },
  user: {
    env: 'TRIBUTARY_USER',
    flag: { name: '--user', value: '<user>' },
    defaultText: '(none)',
    description: 'who signs in: Cloud email, Data Center or Tributary username',
  },
  token: {
    env: 'TRIBUTARY_TOKEN',
    flag: { name: '--token', value: '<secret>' },
    defaultText: '(none)',
    description: "the user's API token, or password where the server takes one",
  },
  bearer: {
    env: 'TRIBUTARY_BEARER',
    flag: { name: '--bearer', value: '<token>' },
    defaultText: '(none)',
    description: 'a personal access token, sent as Authorization: Bearer',
  },
  profile: {
    env: 'TRIBUTARY_CONNECTION_PROFILE',
    flag: { name: '--profile', value: '<name>' },
    defaultText: '`default`, when the file has it',
    description: 'a named connection from the profile file',
  },
  profileFile: {
    env: 'TRIBUTARY_PROFILE_FILE',
    flag: { name: '--profile-file', value: '<path>' },
    defaultText: '$XDG_CONFIG_HOME/tributary/profiles.json',
    description: 'the profile file',
    defaultInHelp: true,
  },
};

/** In the order the docs' table lists them. */
export const toolkitSettings: Readonly<Record<ToolkitSettingKey, ToolkitSettingSpec>> = {
  ...flagSettings,
  configHome: {
    env: 'XDG_CONFIG_HOME',
    defaultText: '~/.config',
    description: 'where the default profile file is looked for',
  },
};

/** The setting's value from the environment; an empty variable counts as unset. */
export function fromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  key: ToolkitSettingKey,
): string | undefined {
  return env[toolkitSettings[key].env] || undefined;
}

/** The setting's flag as commander takes it, and its help: the description, the default, the variable. */
export function optionOf(key: FlagSettingKey): [flags: string, description: string] {
  const { flag, env, description, defaultText, defaultInHelp } = flagSettings[key];
  const fallback = defaultInHelp ? ` (default ${defaultText})` : '';
  return [`${flag.name} ${flag.value}`, `${description}${fallback} [env ${env}]`];
}
