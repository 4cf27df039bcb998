import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Config, RateLimitRule, RateLimits, ServerLimits } from './config.ts';
import { ConfigError, loadConfig } from './load-config.ts';
import { type SettingKey, settings } from './settings.ts';

const cwd = path.resolve('/srv/tributary');
const load = (env: Record<string, string> = {}, flags: Partial<Record<SettingKey, string>> = {}) =>
  loadConfig(env, flags, cwd);

// TRIBUTARY_FAULTS names a file; these are written once for the whole suite.
const faultsDir = mkdtempSync(path.join(tmpdir(), 'tributary-faults-'));
after(() => rmSync(faultsDir, { recursive: true, force: true }));
function aFaultsFile(name: string, text: string): string {
  const file = path.join(faultsDir, name);
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  describe('with nothing set', () => {
    const config = load();

    it('listens on 127.0.0.1:8090, as Confluence does', () => {
      assert.equal(config.host, '127.0.0.1');
      assert.equal(config.port, 8090);
    });

    it('leaves the base URL unset so the server can use the address it listens on', () => {
      assert.equal(config.baseUrl, undefined);
    });

    it('serves at the root, with no context path', () => {
      assert.equal(config.contextPath, '');
    });

    it('keeps the SQLite database and the blobs under ./data', () => {
      assert.equal(config.dataDir, path.join(cwd, 'data'));
      assert.deepEqual(config.database, { kind: 'sqlite', path: path.join(cwd, 'data', 'tributary.db') });
      assert.deepEqual(config.blobStore, { kind: 'file', path: path.join(cwd, 'data', 'blobs') });
    });

    it('accepts attachments up to 100 MiB', () => {
      assert.equal(config.maxAttachmentSizeBytes, 104_857_600);
    });

    it('turns anonymous access off, generates the admin password and logs at info', () => {
      assert.equal(config.anonymousAccess, false);
      assert.deepEqual(config.trustedProxies, []);
      assert.equal(config.adminPassword, undefined);
      assert.equal(config.logLevel, 'info');
    });

    it('accepts writes (read-only mode is off)', () => {
      assert.equal(config.readOnly, false);
    });

    it('sends downloads itself, offloading them to no proxy', () => {
      assert.deepEqual(config.downloadOffload, { kind: 'off' });
    });

    it('answers as Cloud and Data Center at once (the `both` profile)', () => {
      assert.equal(config.profile, 'both');
    });

    it('returns a frozen config', () => {
      assert.ok(Object.isFrozen(config));
    });
  });

  it('treats an empty or blank variable as unset', () => {
    const config = load({ TRIBUTARY_PORT: '', TRIBUTARY_HOST: '   ', TRIBUTARY_CONTEXT_PATH: '' });
    assert.equal(config.port, 8090);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.contextPath, '');
  });

  it('puts the default database and blobs under a data dir given in the environment', () => {
    const config = load({ TRIBUTARY_DATA_DIR: 'var/wiki' });
    assert.equal(config.dataDir, path.join(cwd, 'var', 'wiki'));
    assert.deepEqual(config.database, {
      kind: 'sqlite',
      path: path.join(cwd, 'var', 'wiki', 'tributary.db'),
    });
    assert.deepEqual(config.blobStore, { kind: 'file', path: path.join(cwd, 'var', 'wiki', 'blobs') });
  });

  describe('reads every TRIBUTARY_* variable', () => {
    const s3 = {
      kind: 's3' as const,
      bucket: 'wiki',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    };
    const onS3 = { TRIBUTARY_BLOB_STORE_URL: 's3://wiki' };
    const rateLimits = (changed: Partial<RateLimits>): RateLimits => ({
      enabled: false,
      rule: { fillRate: 10, intervalSeconds: 1, max: 100 },
      exemptAdministrators: false,
      overrides: new Map(),
      ...changed,
    });
    const cases: Record<
      SettingKey,
      { value: string; expected: Partial<Config>; also?: Record<string, string> }
    > = {
      host: { value: '0.0.0.0', expected: { host: '0.0.0.0' } },
      port: { value: '9090', expected: { port: 9090 } },
      baseUrl: { value: 'https://wiki.example.com', expected: { baseUrl: 'https://wiki.example.com' } },
      contextPath: { value: '/confluence', expected: { contextPath: '/confluence' } },
      dataDir: { value: '/var/lib/tributary', expected: { dataDir: path.resolve('/var/lib/tributary') } },
      databaseUrl: {
        value: 'sqlite:/var/db/wiki.db',
        expected: { database: { kind: 'sqlite', path: path.resolve('/var/db/wiki.db') } },
      },
      blobStoreUrl: {
        value: 'file:/var/blobs',
        expected: { blobStore: { kind: 'file', path: path.resolve('/var/blobs') } },
      },
      maxAttachmentSizeBytes: { value: '2048', expected: { maxAttachmentSizeBytes: 2048 } },
      attachmentTypesAllowed: {
        value: '.PDF, image/*',
        expected: { attachmentTypesAllowed: ['.pdf', 'image/*'] },
      },
      attachmentTypesDenied: { value: '.exe', expected: { attachmentTypesDenied: ['.exe'] } },
      anonymousAccess: { value: 'true', expected: { anonymousAccess: true } },
      readOnly: { value: 'true', expected: { readOnly: true } },
      trustedProxies: {
        value: '10.0.0.1, 192.168.0.0/16,::1',
        expected: { trustedProxies: ['10.0.0.1', '192.168.0.0/16', '::1'] },
      },
      adminPassword: { value: 's3cret', expected: { adminPassword: 's3cret' } },
      logLevel: { value: 'debug', expected: { logLevel: 'debug' } },
      leaseSeconds: { value: '5', expected: { leaseMs: 5000 } },
      shutdownGraceSeconds: { value: '2', expected: { shutdownGraceMs: 2000 } },
      sessionIdleHours: { value: '2', expected: { sessionIdleMs: 7_200_000 } },
      signInFailuresPerUser: {
        value: '3',
        expected: { signInLimits: { failuresPerUser: 3, failuresPerAddress: 50, windowMs: 300_000 } },
      },
      signInFailuresPerAddress: {
        value: '0',
        expected: { signInLimits: { failuresPerUser: 5, failuresPerAddress: 0, windowMs: 300_000 } },
      },
      signInWindowSeconds: {
        value: '60',
        expected: { signInLimits: { failuresPerUser: 5, failuresPerAddress: 50, windowMs: 60_000 } },
      },
      metrics: { value: 'public', expected: { metrics: 'public' } },
      s3Endpoint: {
        value: 'http://127.0.0.1:7480/',
        also: onS3,
        expected: { blobStore: { ...s3, endpoint: 'http://127.0.0.1:7480', checksums: 'when_required' } },
      },
      s3Region: {
        value: 'eu-west-3',
        also: onS3,
        expected: { blobStore: { ...s3, region: 'eu-west-3', checksums: 'when_required' } },
      },
      s3ForcePathStyle: {
        value: 'true',
        also: onS3,
        expected: { blobStore: { ...s3, forcePathStyle: true, checksums: 'when_required' } },
      },
      s3Checksums: {
        value: 'when_supported',
        also: onS3,
        expected: { blobStore: { ...s3, checksums: 'when_supported' } },
      },
      // Read only with a PostgreSQL URL: see the test below.
      databasePoolSize: { value: '4', expected: {} },
      downloadOffload: {
        value: 'x-accel-redirect',
        expected: { downloadOffload: { kind: 'x-accel-redirect', prefix: '/_tributary_blobs/' } },
      },
      downloadOffloadPrefix: {
        value: '/internal/blobs',
        also: { TRIBUTARY_DOWNLOAD_OFFLOAD: 'x-accel-redirect' },
        expected: { downloadOffload: { kind: 'x-accel-redirect', prefix: '/internal/blobs/' } },
      },
      profile: { value: 'datacenter', expected: { profile: 'datacenter' } },
      rateLimit: { value: 'true', expected: { rateLimits: rateLimits({ enabled: true }) } },
      rateLimitFillRate: {
        value: '20',
        expected: { rateLimits: rateLimits({ rule: { fillRate: 20, intervalSeconds: 1, max: 100 } }) },
      },
      rateLimitIntervalSeconds: {
        value: '60',
        expected: { rateLimits: rateLimits({ rule: { fillRate: 10, intervalSeconds: 60, max: 100 } }) },
      },
      rateLimitMax: {
        value: '10',
        expected: { rateLimits: rateLimits({ rule: { fillRate: 10, intervalSeconds: 1, max: 10 } }) },
      },
      rateLimitExemptAdmins: {
        value: 'true',
        expected: { rateLimits: rateLimits({ exemptAdministrators: true }) },
      },
      rateLimitOverrides: {
        value: 'CI-Bot=50/2:500, app:Report exporter=unlimited,nina=3/60',
        expected: {
          rateLimits: rateLimits({
            overrides: new Map<string, RateLimitRule | 'unlimited'>([
              ['ci-bot', { fillRate: 50, intervalSeconds: 2, max: 500 }],
              ['app:Report exporter', 'unlimited'],
              ['nina', { fillRate: 3, intervalSeconds: 60, max: 3 }],
            ]),
          }),
        },
      },
      adminToken: { value: 'ci-token-1234', expected: { adminToken: 'ci-token-1234' } },
      testMode: { value: 'true', expected: { testMode: true } },
      testModeForce: {
        value: 'true',
        also: { ...onS3, TRIBUTARY_TEST_MODE: 'true' },
        expected: { testMode: true },
      },
      maxPageSize: { value: '5', expected: { maxPageSize: 5 } },
      faults: {
        value: aFaultsFile(
          'one.json',
          '[{"method": "get", "path": "/rest/api/**", "status": 503, "times": 2}]',
        ),
        expected: { faults: [{ method: 'GET', path: '/rest/api/**', status: 503, times: 2 }] },
      },
      seed: { value: 'fixtures/small', expected: { seed: path.join(cwd, 'fixtures', 'small') } },
      headersTimeoutSeconds: {
        value: '5',
        expected: { serverLimits: limitsWith({ headersTimeoutMs: 5000 }) },
      },
      keepAliveTimeoutSeconds: {
        value: '10',
        expected: { serverLimits: limitsWith({ keepAliveTimeoutMs: 10_000 }) },
      },
      socketIdleTimeoutSeconds: {
        value: '60',
        expected: { serverLimits: limitsWith({ socketIdleTimeoutMs: 60_000 }) },
      },
      bodyTimeoutSeconds: { value: '7', expected: { serverLimits: limitsWith({ bodyTimeoutMs: 7000 }) } },
      minUploadBytesPerSecond: {
        value: '0',
        expected: { serverLimits: limitsWith({ minUploadBytesPerSecond: 0 }) },
      },
      maxConnectionsPerAddress: {
        value: '20',
        expected: { serverLimits: limitsWith({ maxConnectionsPerAddress: 20 }) },
      },
      maxExpandDepth: { value: '3', expected: { serverLimits: limitsWith({ maxExpandDepth: 3 }) } },
      maxExpandNames: { value: '10', expected: { serverLimits: limitsWith({ maxExpandNames: 10 }) } },
    };

    for (const setting of settings) {
      const { value, expected, also } = cases[setting.key];
      it(`reads ${setting.env}`, () => {
        const config = load({ ...also, [setting.env]: value });
        for (const [key, want] of Object.entries(expected)) {
          assert.deepEqual(config[key as keyof Config], want, key);
        }
      });
    }
  });

  it("refuses an expand depth above Confluence's eight levels and a time-out of zero", () => {
    assert.throws(() => load({ TRIBUTARY_MAX_EXPAND_DEPTH: '9' }), /TRIBUTARY_MAX_EXPAND_DEPTH/);
    assert.throws(
      () => load({ TRIBUTARY_HEADERS_TIMEOUT_SECONDS: '0' }),
      /TRIBUTARY_HEADERS_TIMEOUT_SECONDS/,
    );
  });

  it('reads a PostgreSQL URL, in either spelling, with its pool size', () => {
    for (const url of ['postgres://wiki:pw@db.example.com:5433/wiki', 'postgresql://db.example.com/wiki']) {
      assert.deepEqual(load({ TRIBUTARY_DATABASE_URL: url }).database, {
        kind: 'postgres',
        url,
        poolSize: 10,
      });
    }
    const config = load({
      TRIBUTARY_DATABASE_URL: 'postgres://db.example.com/wiki',
      TRIBUTARY_DATABASE_POOL_SIZE: '4',
    });
    assert.deepEqual(config.database, {
      kind: 'postgres',
      url: 'postgres://db.example.com/wiki',
      poolSize: 4,
    });
  });

  it('refuses test mode over PostgreSQL or S3 unless forced', () => {
    for (const elsewhere of <Record<string, string>[]>[
      { TRIBUTARY_DATABASE_URL: 'postgres://db.example.com/wiki' },
      { TRIBUTARY_BLOB_STORE_URL: 's3://wiki' },
    ]) {
      assert.throws(() => load({ ...elsewhere, TRIBUTARY_TEST_MODE: 'true' }), /TRIBUTARY_TEST_MODE_FORCE/);
      assert.equal(load(elsewhere).testMode, false);
    }
  });

  it('refuses an admin token too short or with spaces, and a page size out of range', () => {
    assert.throws(() => load({ TRIBUTARY_ADMIN_TOKEN: 'short' }), /TRIBUTARY_ADMIN_TOKEN/);
    assert.throws(() => load({ TRIBUTARY_ADMIN_TOKEN: 'has a space in it' }), /TRIBUTARY_ADMIN_TOKEN/);
    assert.throws(() => load({ TRIBUTARY_MAX_PAGE_SIZE: '0' }), /TRIBUTARY_MAX_PAGE_SIZE/);
    assert.throws(() => load({ TRIBUTARY_TEST_MODE: 'maybe' }), /TRIBUTARY_TEST_MODE/);
  });

  it('has no fault rules unless TRIBUTARY_FAULTS names a file of them', () => {
    assert.deepEqual(load().faults, []);
  });

  it('refuses a faults file that is missing, not JSON, not an array, or holds a bad rule', () => {
    const refused = (file: string, problem: RegExp) =>
      assert.throws(
        () => load({ TRIBUTARY_FAULTS: file }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /TRIBUTARY_FAULTS/);
          assert.match(error.message, problem);
          return true;
        },
      );
    refused(path.join(faultsDir, 'absent.json'), /cannot read .*absent\.json: ENOENT/);
    refused(aFaultsFile('broken.json', '[{"path": '), /is not JSON/);
    refused(aFaultsFile('object.json', '{"path": "/x", "status": 500}'), /must hold a JSON array/);
    refused(
      aFaultsFile('bad-rule.json', '[{"path": "/a", "status": 503}, {"path": "/b", "status": 200}]'),
      /rule 2 of .*'status' must be a whole number from 400 to 599/,
    );
  });

  it('lets flags win over the environment', () => {
    const config = load(
      { TRIBUTARY_PORT: '9000', TRIBUTARY_HOST: '10.0.0.1', TRIBUTARY_LOG_LEVEL: 'debug' },
      { port: '9001', host: '10.0.0.2' },
    );
    assert.equal(config.port, 9001);
    assert.equal(config.host, '10.0.0.2');
    assert.equal(config.logLevel, 'debug');
  });

  it('ignores an invalid variable that a flag overrides', () => {
    assert.equal(load({ TRIBUTARY_PORT: 'abc' }, { port: '9001' }).port, 9001);
  });

  it('accepts port 0, which picks a free port', () => {
    assert.equal(load({ TRIBUTARY_PORT: '0' }).port, 0);
  });

  it('resolves relative database and blob store paths against the working directory', () => {
    const config = load({
      TRIBUTARY_DATABASE_URL: 'sqlite:./db/x.db',
      TRIBUTARY_BLOB_STORE_URL: 'file:blobs',
    });
    assert.deepEqual(config.database, { kind: 'sqlite', path: path.join(cwd, 'db', 'x.db') });
    assert.deepEqual(config.blobStore, { kind: 'file', path: path.join(cwd, 'blobs') });
  });

  it('keeps only the origin of a base URL given with a trailing slash or a port', () => {
    assert.equal(
      load({ TRIBUTARY_BASE_URL: 'https://wiki.example.com/' }).baseUrl,
      'https://wiki.example.com',
    );
    assert.equal(load({ TRIBUTARY_BASE_URL: 'http://localhost:8080' }).baseUrl, 'http://localhost:8080');
  });

  describe('reads attachment sizes', () => {
    for (const [text, bytes] of [
      ['104857600', 104_857_600],
      ['100MB', 100_000_000],
      ['2GiB', 2_147_483_648],
      ['1.5MiB', 1_572_864],
      ['10 KiB', 10_240],
      ['5kb', 5000],
    ] as const) {
      it(`reads ${text} as ${bytes} bytes`, () => {
        assert.equal(load({ TRIBUTARY_MAX_ATTACHMENT_SIZE: text }).maxAttachmentSizeBytes, bytes);
      });
    }
  });

  describe('normalises the context path', () => {
    for (const [text, contextPath] of [
      ['/confluence/', '/confluence'],
      ['/confluence', '/confluence'],
      ['/wiki/confluence', '/wiki/confluence'],
      ['/', ''],
    ] as const) {
      it(`reads ${text} as '${contextPath}'`, () => {
        assert.equal(load({ TRIBUTARY_CONTEXT_PATH: text }).contextPath, contextPath);
      });
    }
  });

  it('reads anonymous access as a yes/no word in any case', () => {
    for (const text of ['true', 'TRUE', '1', 'yes', 'on']) {
      assert.equal(load({ TRIBUTARY_ANONYMOUS_ACCESS: text }).anonymousAccess, true, text);
    }
    for (const text of ['false', 'False', '0', 'no', 'off']) {
      assert.equal(load({ TRIBUTARY_ANONYMOUS_ACCESS: text }).anonymousAccess, false, text);
    }
  });

  describe('refuses an invalid value with a ConfigError naming the variable', () => {
    for (const [env, value] of [
      ['TRIBUTARY_PORT', 'abc'],
      ['TRIBUTARY_PORT', '70000'],
      ['TRIBUTARY_PORT', '-1'],
      ['TRIBUTARY_BASE_URL', 'ftp://x'],
      ['TRIBUTARY_BASE_URL', 'https://x/path'],
      ['TRIBUTARY_BASE_URL', 'not a url'],
      ['TRIBUTARY_CONTEXT_PATH', 'confluence'],
      ['TRIBUTARY_CONTEXT_PATH', '/my wiki'],
      ['TRIBUTARY_CONTEXT_PATH', '/..'],
      ['TRIBUTARY_CONTEXT_PATH', '/wiki/./x'],
      ['TRIBUTARY_DATABASE_URL', 'mysql://x'],
      ['TRIBUTARY_DATABASE_URL', 'sqlite:'],
      ['TRIBUTARY_BLOB_STORE_URL', 's3://'],
      ['TRIBUTARY_BLOB_STORE_URL', 's3://No_Such'],
      ['TRIBUTARY_BLOB_STORE_URL', 'gs://bucket'],
      ['TRIBUTARY_DATABASE_URL', 'postgres://db.example.com'],
      ['TRIBUTARY_DATABASE_URL', 'postgres://'],
      ['TRIBUTARY_DATABASE_POOL_SIZE', '0'],
      ['TRIBUTARY_DATABASE_POOL_SIZE', 'many'],
      ['TRIBUTARY_MAX_ATTACHMENT_SIZE', '0'],
      ['TRIBUTARY_MAX_ATTACHMENT_SIZE', '-1'],
      ['TRIBUTARY_MAX_ATTACHMENT_SIZE', '10XB'],
      ['TRIBUTARY_ANONYMOUS_ACCESS', 'maybe'],
      ['TRIBUTARY_LOG_LEVEL', 'loud'],
      ['TRIBUTARY_ATTACHMENT_TYPES_DENIED', 'exe'],
      ['TRIBUTARY_ATTACHMENT_TYPES_ALLOWED', 'image/'],
      ['TRIBUTARY_TRUSTED_PROXIES', 'proxy.example.com'],
      ['TRIBUTARY_TRUSTED_PROXIES', '10.0.0.0/33'],
      ['TRIBUTARY_TRUSTED_PROXIES', '10.0.0.0/8/8'],
      ['TRIBUTARY_LEASE_SECONDS', '0'],
      ['TRIBUTARY_SHUTDOWN_GRACE_SECONDS', '1.5'],
      ['TRIBUTARY_METRICS', 'yes'],
      ['TRIBUTARY_DOWNLOAD_OFFLOAD', 'nginx'],
      ['TRIBUTARY_DOWNLOAD_OFFLOAD', 'redirect'],
      ['TRIBUTARY_DOWNLOAD_OFFLOAD_PREFIX', '/'],
      ['TRIBUTARY_DOWNLOAD_OFFLOAD_PREFIX', 'blobs/'],
      ['TRIBUTARY_PROFILE', 'server'],
      ['TRIBUTARY_DOWNLOAD_OFFLOAD_PREFIX', '/../blobs/'],
      ['TRIBUTARY_SIGN_IN_FAILURES_PER_USER', '-1'],
      ['TRIBUTARY_SIGN_IN_FAILURES_PER_ADDRESS', 'many'],
      ['TRIBUTARY_SIGN_IN_WINDOW_SECONDS', '0'],
      ['TRIBUTARY_RATE_LIMIT', 'sometimes'],
      ['TRIBUTARY_RATE_LIMIT_FILL_RATE', '0'],
      ['TRIBUTARY_RATE_LIMIT_INTERVAL_SECONDS', '0.5'],
      ['TRIBUTARY_RATE_LIMIT_MAX', '5'],
      ['TRIBUTARY_RATE_LIMIT_EXEMPT_ADMINS', 'admins'],
      ['TRIBUTARY_RATE_LIMIT_OVERRIDES', 'alice'],
      ['TRIBUTARY_RATE_LIMIT_OVERRIDES', 'alice=10/1:5'],
      ['TRIBUTARY_RATE_LIMIT_OVERRIDES', 'alice=fast'],
      ['TRIBUTARY_RATE_LIMIT_OVERRIDES', 'app:=unlimited'],
    ] as const) {
      it(`refuses ${env}=${value}`, () => {
        assert.throws(
          () => load({ [env]: value }),
          (error: unknown) => {
            assert.ok(error instanceof ConfigError);
            assert.equal(error.setting.env, env);
            assert.match(error.message, new RegExp(`\\b${env}\\b`));
            assert.doesNotMatch(error.message, /\n/);
            return true;
          },
        );
      });
    }
  });

  it('reads an s3:// blob store URL with a prefix, and its S3 settings', () => {
    assert.deepEqual(
      load({
        TRIBUTARY_BLOB_STORE_URL: 's3://wiki-bytes/site/one/',
        TRIBUTARY_S3_ENDPOINT: 'https://s3.example.com',
        TRIBUTARY_S3_FORCE_PATH_STYLE: 'true',
      }).blobStore,
      {
        kind: 's3',
        bucket: 'wiki-bytes',
        prefix: 'site/one/',
        endpoint: 'https://s3.example.com',
        region: 'us-east-1',
        forcePathStyle: true,
        checksums: 'when_required',
      },
    );
  });

  for (const [env, value] of [
    ['TRIBUTARY_S3_ENDPOINT', 'not a url'],
    ['TRIBUTARY_S3_FORCE_PATH_STYLE', 'sometimes'],
    ['TRIBUTARY_S3_CHECKSUMS', 'always'],
  ] as const) {
    it(`refuses ${env}=${value} with an s3:// blob store`, () => {
      assert.throws(
        () => load({ TRIBUTARY_BLOB_STORE_URL: 's3://wiki', [env]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.setting.env, env);
          return true;
        },
      );
    });
  }

  it('reads each download offload mode, the proxy ones for a blob folder and redirect for S3', () => {
    const offload = (mode: string, store = 'file:/var/blobs') =>
      load({ TRIBUTARY_DOWNLOAD_OFFLOAD: mode, TRIBUTARY_BLOB_STORE_URL: store }).downloadOffload;
    assert.deepEqual(offload('off'), { kind: 'off' });
    assert.deepEqual(offload('off', 's3://wiki'), { kind: 'off' });
    assert.deepEqual(offload('x-sendfile'), { kind: 'x-sendfile' });
    assert.deepEqual(offload('redirect', 's3://wiki'), { kind: 'redirect' });
    for (const mode of ['x-accel-redirect', 'x-sendfile']) {
      assert.throws(() => offload(mode, 's3://wiki'), {
        name: 'ConfigError',
        message: /TRIBUTARY_DOWNLOAD_OFFLOAD.*needs a file: blob store/,
      });
    }
  });

  it('names the variable and the flag when a flag is invalid', () => {
    assert.throws(() => load({}, { port: 'abc' }), {
      name: 'ConfigError',
      message: /^invalid TRIBUTARY_PORT \(--port\): /,
    });
  });
});

function limitsWith(changes: Partial<ServerLimits>): ServerLimits {
  return {
    headersTimeoutMs: 30_000,
    keepAliveTimeoutMs: 72_000,
    socketIdleTimeoutMs: 120_000,
    bodyTimeoutMs: 30_000,
    minUploadBytesPerSecond: 1024,
    maxConnectionsPerAddress: 256,
    maxExpandDepth: 8,
    maxExpandNames: 100,
    ...changes,
  };
}
