/**
 * The options every attachment command shares: where the server is, who signs in, how hard to push it.
 * Each value comes from its flag, else its environment variable, else the profile.
 */
import type { Command } from 'commander';
import type { ConfluenceClient } from '../../client/index.ts';
import { type Credentials, type Flavour, flavours, openConfluenceClient } from '../../client/index.ts';
import { UsageError } from './exit.ts';
import { parseCount } from './parse-values.ts';
import { defaultProfileFile, type Profile, readProfile } from './profiles.ts';
import { fromEnvironment, optionOf, type ToolkitSettingKey } from './settings.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export interface ConnectionFlags {
  url?: string;
  user?: string;
  token?: string;
  bearer?: string;
  profile?: string;
  profileFile?: string;
  flavour?: string;
  extender?: boolean;
  concurrency?: string;
  retries?: string;
  maxWait?: string;
  json?: boolean;
}

export interface Connection {
  url: string;
  credentials: Credentials | undefined;
  flavour: Flavour | undefined;
  extender: boolean | undefined;
  concurrency: number;
  retries: number;
  /** Seconds one request may spend waiting out `Retry-After` answers, which are not retries. */
  maxWaitSeconds: number;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .option(...optionOf('url'))
    .option(...optionOf('user'))
    .option(...optionOf('token'))
    .option(...optionOf('bearer'))
    .option(...optionOf('profile'))
    .option(...optionOf('profileFile'))
    .option('--flavour <flavour>', `skip detection: ${flavours.join(', ')}`)
    .option('--extender', 'Data Center: the Extender plugin is installed (detected otherwise)')
    .option('--no-extender', 'Data Center: act as if the Extender plugin were not installed')
    .option('--concurrency <n>', 'requests in flight at once (default 4)')
    .option('--retries <n>', retriesHelp)
    .option('--max-wait <seconds>', maxWaitHelp);
}

export const retriesHelp = 'retries of a request that failed for a passing reason (default 5)';
export const maxWaitHelp =
  'seconds one request may spend waiting out 429/503 Retry-After, which use up no retry (default 600)';

/** An hour at most: a longer budget would let one answer stall a job past anyone watching it. */
function maxWaitOf(text: string | undefined): number {
  return text === undefined ? 600 : parseCount(text, '--max-wait', 0, 3600);
}

/**
 * `TRIBUTARY_PROFILE` names the server's profile (`both`, `cloud`, `datacenter`), and once named the toolkit's
 * connection profile too. A shell that sets it for a server is fine; one that still names a connection with
 * it is stopped rather than sent to the default profile's server (which a delete would then act on).
 */
function refuseServerProfileVariable(env: ToolkitContext['env']): undefined {
  const named = env.TRIBUTARY_PROFILE;
  if (!named || ['both', 'cloud', 'datacenter'].includes(named)) return undefined;
  throw new UsageError(
    `TRIBUTARY_PROFILE=${named} names no server profile (both, cloud or datacenter); name a connection profile with --profile or TRIBUTARY_CONNECTION_PROFILE`,
  );
}

type Source = 'flag' | 'env' | 'profile';
const order: readonly Source[] = ['flag', 'env', 'profile'];

export async function resolveConnection(
  flags: ConnectionFlags,
  toolkit: ToolkitContext,
): Promise<Connection> {
  const { env } = toolkit;
  const profileName = flags.profile ?? fromEnvironment(env, 'profile') ?? refuseServerProfileVariable(env);
  const profileFile = flags.profileFile ?? fromEnvironment(env, 'profileFile') ?? defaultProfileFile(toolkit);
  const named: Profile = (await readProfile(toolkit, profileFile, profileName)) ?? {};

  // The first source that has a value wins; an empty variable counts as unset.
  const pick = (flag: string | undefined, setting: ToolkitSettingKey, fromProfile: string | undefined) => {
    const candidates: Array<[Source, string | undefined]> = [
      ['flag', flag],
      ['env', fromEnvironment(env, setting)],
      ['profile', fromProfile],
    ];
    const found = candidates.find(([, value]) => value !== undefined && value !== '');
    return found ? { value: found[1] as string, source: found[0] } : undefined;
  };

  // A profile speaks for its own server: pointed elsewhere, its secrets and settings would go to a host
  // they were never meant for.
  const urlGiven = pick(flags.url, 'url', undefined);
  const profile = urlGiven && named.url && !sameOrigin(urlGiven.value, named.url) ? {} : named;
  const url = pick(flags.url, 'url', profile.url);
  if (!url) throw new UsageError('Name the server with --url, TRIBUTARY_URL or a profile');
  checkUrl(url.value);

  const flavourText = flags.flavour ?? profile.flavour;
  const flavour = flavourText === undefined ? undefined : flavours.find((known) => known === flavourText);
  if (flavourText !== undefined && flavour === undefined) {
    throw new UsageError(`--flavour must be one of ${flavours.join(', ')}, not '${flavourText}'`);
  }

  const user = pick(flags.user, 'user', profile.user);
  return {
    url: url.value,
    credentials: credentialsOf(
      user,
      // The profile's secret is its own user's, never another's named by a flag or variable.
      pick(flags.token, 'token', user?.value === profile.user ? profile.token : undefined),
      pick(flags.bearer, 'bearer', profile.bearer),
    ),
    flavour,
    extender: flags.extender ?? profile.extender,
    concurrency: flags.concurrency === undefined ? 4 : parseCount(flags.concurrency, '--concurrency', 1, 64),
    retries: flags.retries === undefined ? 5 : parseCount(flags.retries, '--retries', 0, 20),
    maxWaitSeconds: maxWaitOf(flags.maxWait),
  };
}

function sameOrigin(one: string, other: string): boolean {
  try {
    return new URL(one).origin === new URL(other).origin;
  } catch {
    return false;
  }
}

function checkUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http:// or https:// URL, not '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http:// or https:// URL, not '${text}'`);
  }
  if (url.username || url.password) {
    throw new UsageError('Put credentials in --user/--token or --bearer, not in the URL');
  }
}

type Picked = { value: string; source: Source } | undefined;

/**
 * Basic from user + token, or Bearer. Whichever was given at the most specific level wins (a `--bearer`
 * flag beats TRIBUTARY_USER/TOKEN in the environment); both at the same level is ambiguous.
 */
function credentialsOf(user: Picked, token: Picked, bearer: Picked): Credentials | undefined {
  const rank = (picked: Picked) => (picked ? order.indexOf(picked.source) : order.length);
  const basicRank = Math.min(rank(user), rank(token));
  const bearerRank = rank(bearer);
  if (bearer && bearerRank < basicRank) return { kind: 'bearer', token: bearer.value };
  if (bearer && bearerRank === basicRank) {
    throw new UsageError('Give either --user and --token (Basic) or --bearer, not both');
  }
  if (!user && !token) return undefined;
  if (!user) throw new UsageError('--token needs --user (or TRIBUTARY_USER); for a bare token use --bearer');
  if (!token) throw new UsageError('--user needs --token (or TRIBUTARY_TOKEN): an API token or password');
  return { kind: 'basic', user: user.value, secret: token.value };
}

/** Opens the client for a command and always closes it. */
export async function withClient<T>(
  connection: Connection,
  work: (client: ConfluenceClient) => Promise<T>,
): Promise<T> {
  const client = await openConfluenceClient({
    url: connection.url,
    credentials: connection.credentials,
    flavour: connection.flavour,
    extender: connection.extender,
    concurrency: connection.concurrency,
    retry: { maxAttempts: connection.retries + 1, retryAfterBudgetMs: connection.maxWaitSeconds * 1000 },
    userAgent: 'tributary-cli',
  });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
