import { isIP } from 'node:net';
import path from 'node:path';
import { booleanFromText } from '../domain/boolean-text.ts';
import type {
  BlobStoreLocation,
  Config,
  DatabaseLocation,
  DownloadOffload,
  LogLevel,
  MetricsAccess,
  Profile,
  ServerLimits,
} from './config.ts';
import { loadFaultRules } from './fault-settings.ts';
import { parseRateLimits } from './rate-limit-settings.ts';
import { type SettingKey, type SettingSpec, settings } from './settings.ts';

/** A setting with a value we cannot use; the CLI prints it on one line and exits with 2. */
export class ConfigError extends Error {
  readonly setting: SettingSpec;

  constructor(setting: SettingSpec, problem: string) {
    super(`invalid ${setting.env} (${setting.flag}): ${problem}`);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

/** A setting whose value parsed but does not work (a database that cannot be reached). */
export function settingError(key: SettingKey, problem: string): ConfigError {
  return new ConfigError(spec(key), problem);
}

export type ConfigFlags = Partial<Record<SettingKey, string>>;

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const metricsAccesses: readonly MetricsAccess[] = ['off', 'admin', 'public'];
const profiles: readonly Profile[] = ['both', 'cloud', 'datacenter'];
const sizeUnits: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Flags win over the environment; anything unset takes its documented default. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}, cwd = process.cwd()): Config {
  const raw = (key: SettingKey): string | undefined => {
    const value = flags[key] ?? env[spec(key).env];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const fail = (key: SettingKey, problem: string): never => {
    throw new ConfigError(spec(key), problem);
  };

  const host = raw('host') ?? '127.0.0.1';
  const port = parsePort(raw('port') ?? '8090') ?? fail('port', 'must be an integer from 0 to 65535');
  const dataDir = path.resolve(cwd, raw('dataDir') ?? './data');
  const baseUrlText = raw('baseUrl');
  const baseUrl =
    baseUrlText === undefined
      ? undefined
      : (parseOrigin(baseUrlText) ??
        fail('baseUrl', 'must be an http(s) origin such as https://wiki.example.com'));
  const contextPath =
    parseContextPath(raw('contextPath') ?? '') ??
    fail('contextPath', 'must be empty or a path such as /confluence (letters, digits, - _ .)');
  const poolSize =
    parseOneToAThousand(raw('databasePoolSize') ?? '10') ??
    fail('databasePoolSize', 'must be an integer from 1 to 1000');
  const database =
    parseDatabaseUrl(raw('databaseUrl') ?? `sqlite:${path.join(dataDir, 'tributary.db')}`, cwd, poolSize) ??
    fail('databaseUrl', 'must be sqlite:<path> or postgres://user:password@host:port/database');
  const blobStoreText = raw('blobStoreUrl') ?? `file:${path.join(dataDir, 'blobs')}`;
  const blobStore: BlobStoreLocation = blobStoreText.startsWith('s3:')
    ? {
        ...(parseS3Url(blobStoreText) ?? fail('blobStoreUrl', 'must be s3://bucket or s3://bucket/prefix')),
        ...s3Options(raw, fail),
      }
    : (parseBlobStoreUrl(blobStoreText, cwd) ??
      fail('blobStoreUrl', 'must be file:<folder> or s3://bucket[/prefix]'));
  const maxAttachmentSizeBytes =
    parseSize(raw('maxAttachmentSizeBytes') ?? '100MiB') ??
    fail('maxAttachmentSizeBytes', 'must be a positive size such as 104857600, 100MB or 2GiB');
  const typeList = (key: 'attachmentTypesAllowed' | 'attachmentTypesDenied') =>
    parseTypeList(raw(key) ?? '') ??
    fail(key, 'must be a comma-separated list of extensions (.pdf) and media types (image/png, image/*)');
  const attachmentTypesAllowed = typeList('attachmentTypesAllowed');
  const attachmentTypesDenied = typeList('attachmentTypesDenied');
  const anonymousAccess =
    booleanFromText(raw('anonymousAccess') ?? 'false') ?? fail('anonymousAccess', 'must be true or false');
  const trustedProxies =
    parseProxyList(raw('trustedProxies') ?? '') ??
    fail('trustedProxies', 'must be a comma-separated list of IP addresses and CIDR ranges (10.0.0.0/8)');
  const logLevelText = raw('logLevel') ?? 'info';
  const logLevel =
    logLevels.find((level) => level === logLevelText) ??
    fail('logLevel', `must be one of ${logLevels.join(', ')}`);
  const seconds = (key: 'leaseSeconds' | 'shutdownGraceSeconds', fallback: string) =>
    parseSeconds(raw(key) ?? fallback) ?? fail(key, 'must be a positive whole number of seconds');
  const leaseMs = seconds('leaseSeconds', '30') * 1000;
  const shutdownGraceMs = seconds('shutdownGraceSeconds', '30') * 1000;
  const sessionIdleMs =
    (parseSeconds(raw('sessionIdleHours') ?? '336') ??
      fail('sessionIdleHours', 'must be a positive whole number of hours')) * 3_600_000;
  const failures = (key: 'signInFailuresPerUser' | 'signInFailuresPerAddress', fallback: string) => {
    const text = raw(key) ?? fallback;
    return /^\d{1,6}$/.test(text) ? Number(text) : fail(key, 'must be a whole number (0: no limit)');
  };
  const signInLimits = {
    failuresPerUser: failures('signInFailuresPerUser', '5'),
    failuresPerAddress: failures('signInFailuresPerAddress', '50'),
    windowMs:
      (parseSeconds(raw('signInWindowSeconds') ?? '300') ??
        fail('signInWindowSeconds', 'must be a positive whole number of seconds')) * 1000,
  };
  const metricsText = raw('metrics') ?? 'admin';
  const metrics =
    metricsAccesses.find((access) => access === metricsText) ??
    fail('metrics', `must be one of ${metricsAccesses.join(', ')}`);
  const downloadOffload = parseDownloadOffload(raw, fail, blobStore);
  const profileText = raw('profile') ?? 'both';
  const profile =
    profiles.find((candidate) => candidate === profileText) ??
    fail('profile', `must be one of ${profiles.join(', ')}`);
  const rateLimits = parseRateLimits(raw, fail);
  const adminToken = raw('adminToken');
  if (adminToken !== undefined && !/^\S{8,255}$/.test(adminToken)) {
    fail('adminToken', 'must be 8 to 255 characters without spaces');
  }
  const testMode = parseTestMode(raw, fail, database, blobStore);
  const maxPageSizeText = raw('maxPageSize');
  const maxPageSize =
    maxPageSizeText === undefined
      ? undefined
      : (parseOneToAThousand(maxPageSizeText) ?? fail('maxPageSize', 'must be an integer from 1 to 1000'));
  const faults = loadFaultRules(raw('faults'), cwd, fail);
  const seedText = raw('seed');
  const seed = seedText === undefined ? undefined : path.resolve(cwd, seedText);
  const readOnly = booleanFromText(raw('readOnly') ?? 'false') ?? fail('readOnly', 'must be true or false');

  const serverLimits = parseServerLimits(raw, fail);

  return Object.freeze({
    host,
    port,
    baseUrl,
    contextPath,
    dataDir,
    database,
    blobStore,
    maxAttachmentSizeBytes,
    attachmentTypesAllowed,
    attachmentTypesDenied,
    anonymousAccess,
    trustedProxies,
    adminPassword: raw('adminPassword'),
    logLevel,
    leaseMs,
    shutdownGraceMs,
    sessionIdleMs,
    signInLimits,
    metrics,
    downloadOffload,
    profile,
    rateLimits,
    adminToken,
    testMode,
    maxPageSize,
    faults,
    seed,
    readOnly,
    serverLimits,
  });
}

/** A reset replaces the whole site: on a shared database or bucket only when asked twice. */
function parseTestMode(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, problem: string) => never,
  database: DatabaseLocation,
  blobStore: BlobStoreLocation,
): boolean {
  const testMode = booleanFromText(raw('testMode') ?? 'false') ?? fail('testMode', 'must be true or false');
  const force =
    booleanFromText(raw('testModeForce') ?? 'false') ?? fail('testModeForce', 'must be true or false');
  if (testMode && !force && (database.kind === 'postgres' || blobStore.kind === 's3')) {
    fail(
      'testMode',
      'a reset would replace the site in PostgreSQL or S3; set TRIBUTARY_TEST_MODE_FORCE=true (--test-mode-force true) if that is meant',
    );
  }
  return testMode;
}

function parseServerLimits(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, problem: string) => never,
): ServerLimits {
  const seconds = (key: SettingKey, fallback: string) =>
    (parseSeconds(raw(key) ?? fallback) ?? fail(key, 'must be a positive whole number of seconds')) * 1000;
  const whole = (key: SettingKey, fallback: string, max: number, problem: string) => {
    const text = raw(key) ?? fallback;
    return /^\d{1,10}$/.test(text) && Number(text) <= max ? Number(text) : fail(key, problem);
  };
  const atLeastOne = (key: SettingKey, fallback: string, max: number) => {
    const value = whole(key, fallback, max, `must be a whole number from 1 to ${max}`);
    return value >= 1 ? value : fail(key, `must be a whole number from 1 to ${max}`);
  };
  return {
    headersTimeoutMs: seconds('headersTimeoutSeconds', '30'),
    keepAliveTimeoutMs: seconds('keepAliveTimeoutSeconds', '72'),
    socketIdleTimeoutMs: seconds('socketIdleTimeoutSeconds', '120'),
    bodyTimeoutMs: seconds('bodyTimeoutSeconds', '30'),
    minUploadBytesPerSecond: whole(
      'minUploadBytesPerSecond',
      '1024',
      2 ** 40,
      'must be a whole number of bytes per second (0: any rate)',
    ),
    maxConnectionsPerAddress: whole(
      'maxConnectionsPerAddress',
      '256',
      1_000_000,
      'must be a whole number (0: no limit)',
    ),
    // Confluence itself refuses more than eight levels (api-reference.md §1.8): a setting can only lower it.
    maxExpandDepth: atLeastOne('maxExpandDepth', '8', 8),
    maxExpandNames: atLeastOne('maxExpandNames', '100', 100_000),
  };
}

/** The proxy modes read the blob folder and `redirect` presigns S3 URLs: each needs its kind of store. */
function parseDownloadOffload(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, problem: string) => never,
  blobStore: BlobStoreLocation,
): DownloadOffload {
  const text = raw('downloadOffload') ?? 'off';
  // A path as a context path is one, and not `/`: the internal location must not shadow the site.
  const prefixPath = parseContextPath(raw('downloadOffloadPrefix') ?? '/_tributary_blobs/');
  const prefix = prefixPath
    ? `${prefixPath}/`
    : fail('downloadOffloadPrefix', 'must be a path such as /_tributary_blobs/ (letters, digits, - _ .)');
  const onFiles = blobStore.kind === 'file';
  switch (text) {
    case 'off':
      return { kind: 'off' };
    case 'x-accel-redirect':
      return onFiles
        ? { kind: 'x-accel-redirect', prefix }
        : fail('downloadOffload', `${text} needs a file: blob store`);
    case 'x-sendfile':
      return onFiles ? { kind: 'x-sendfile' } : fail('downloadOffload', `${text} needs a file: blob store`);
    case 'redirect':
      return onFiles ? fail('downloadOffload', 'redirect needs an s3:// blob store') : { kind: 'redirect' };
    default:
      return fail('downloadOffload', 'must be off, x-accel-redirect, x-sendfile or redirect');
  }
}

function parseSeconds(text: string): number | undefined {
  return /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

function spec(key: SettingKey): SettingSpec {
  const found = settings.find((setting) => setting.key === key);
  if (!found) throw new Error(`setting ${key} is not documented in settings.ts`);
  return found;
}

/** `10.0.0.1, 192.168.0.0/16, ::1` → the entries, each an IP address with an optional prefix length. */
function parseProxyList(text: string): string[] | undefined {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const valid = entries.every((entry) => {
    const [address = '', prefix, extra] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || extra !== undefined) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
  });
  return valid ? entries : undefined;
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

function parseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    const pathless = url.pathname === '/' && !url.search && !url.hash && !url.username;
    return (url.protocol === 'http:' || url.protocol === 'https:') && pathless ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function parseContextPath(text: string): string | undefined {
  const trimmed = text.replace(/\/+$/, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/').slice(1);
  const wellFormed =
    /^(\/[A-Za-z0-9._-]+)+$/.test(trimmed) && segments.every((segment) => !/^\.+$/.test(segment));
  return wellFormed ? trimmed : undefined;
}

function parseDatabaseUrl(text: string, cwd: string, poolSize: number): DatabaseLocation | undefined {
  if (/^postgres(ql)?:\/\//.test(text)) return parsePostgresUrl(text, poolSize);
  const match = /^sqlite:(.+)$/.exec(text);
  return match?.[1] ? { kind: 'sqlite', path: path.resolve(cwd, match[1]) } : undefined;
}

/** A URL naming a host and a database; the rest (user, password, port, `?sslmode=`) is pg's to read. */
function parsePostgresUrl(text: string, poolSize: number): DatabaseLocation | undefined {
  try {
    const url = new URL(text);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return url.hostname !== '' && database !== '' && !database.includes('/')
      ? { kind: 'postgres', url: text, poolSize }
      : undefined;
  } catch {
    return undefined;
  }
}

function parseOneToAThousand(text: string): number | undefined {
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const size = Number(text);
  return size >= 1 && size <= 1000 ? size : undefined;
}

function parseBlobStoreUrl(text: string, cwd: string): BlobStoreLocation | undefined {
  const match = /^file:(.+)$/.exec(text);
  return match?.[1] ? { kind: 'file', path: path.resolve(cwd, match[1]) } : undefined;
}

/** `s3://bucket/some/prefix` → the bucket and `some/prefix/`; bucket names as S3 allows them. */
function parseS3Url(text: string): { kind: 's3'; bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text);
  if (!match?.[1]) return undefined;
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { kind: 's3', bucket: match[1], prefix: prefix === '' ? '' : `${prefix}/` };
}

function s3Options(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, problem: string) => never,
): Omit<Extract<BlobStoreLocation, { kind: 's3' }>, 'kind' | 'bucket' | 'prefix'> {
  const endpointText = raw('s3Endpoint');
  const endpoint =
    endpointText === undefined
      ? undefined
      : (parseEndpoint(endpointText) ??
        fail('s3Endpoint', 'must be an http(s) URL such as http://127.0.0.1:7480'));
  const checksumsText = raw('s3Checksums') ?? 'when_required';
  const checksums =
    checksumsText === 'when_required' || checksumsText === 'when_supported'
      ? checksumsText
      : fail('s3Checksums', 'must be when_required or when_supported');
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    region: raw('s3Region') ?? 'us-east-1',
    forcePathStyle:
      booleanFromText(raw('s3ForcePathStyle') ?? 'false') ??
      fail('s3ForcePathStyle', 'must be true or false'),
    checksums,
  };
}

function parseEndpoint(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  const multiplier = match ? sizeUnits[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || multiplier === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * multiplier);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

function parseTypeList(text: string): string[] | undefined {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const wellFormed = entries.every(
    (entry) => /^\.[a-z0-9._+-]+$/.test(entry) || /^[a-z0-9.+-]+\/(\*|[a-z0-9.+-]+)$/.test(entry),
  );
  return wellFormed ? entries : undefined;
}
