/**
 * Every setting, documented once: `tributary --help` prints this list, and test/docs.test.ts keeps the
 * configuration table in docs/configuration.md in step with it.
 */
export interface SettingSpec {
  /** Key in the frozen Config. */
  key: SettingKey;
  env: string;
  flag: string;
  defaultText: string;
  description: string;
  /**
   * The flag is an option of `serve` alone, not of every command: the toolkit's commands use the same
   * flag for something else (`--profile` names a connection profile there, docs/toolkit.md).
   */
  serveOnly?: true;
}

export type SettingKey =
  | 'host'
  | 'port'
  | 'baseUrl'
  | 'contextPath'
  | 'dataDir'
  | 'databaseUrl'
  | 'blobStoreUrl'
  | 'maxAttachmentSizeBytes'
  | 'attachmentTypesAllowed'
  | 'attachmentTypesDenied'
  | 'anonymousAccess'
  | 'trustedProxies'
  | 'adminPassword'
  | 'logLevel'
  | 'leaseSeconds'
  | 'shutdownGraceSeconds'
  | 'sessionIdleHours'
  | 'signInFailuresPerUser'
  | 'signInFailuresPerAddress'
  | 'signInWindowSeconds'
  | 'metrics'
  | 's3Endpoint'
  | 's3Region'
  | 's3ForcePathStyle'
  | 's3Checksums'
  | 'databasePoolSize'
  | 'downloadOffload'
  | 'downloadOffloadPrefix'
  | 'profile'
  | 'rateLimit'
  | 'rateLimitFillRate'
  | 'rateLimitIntervalSeconds'
  | 'rateLimitMax'
  | 'rateLimitExemptAdmins'
  | 'rateLimitOverrides'
  | 'adminToken'
  | 'testMode'
  | 'testModeForce'
  | 'maxPageSize'
  | 'faults'
  | 'seed'
  | 'readOnly'
  | 'headersTimeoutSeconds'
  | 'keepAliveTimeoutSeconds'
  | 'socketIdleTimeoutSeconds'
  | 'bodyTimeoutSeconds'
  | 'minUploadBytesPerSecond'
  | 'maxConnectionsPerAddress'
  | 'maxExpandDepth'
  | 'maxExpandNames';

export const settings: readonly SettingSpec[] = [
  {
    key: 'host',
    env: 'TRIBUTARY_HOST',
    flag: '--host',
    defaultText: '127.0.0.1',
    description: 'Address to listen on.',
  },
  {
    key: 'port',
    env: 'TRIBUTARY_PORT',
    flag: '--port',
    defaultText: '8090',
    description: "Port to listen on (Confluence's own default); 0 picks a free port.",
  },
  {
    key: 'baseUrl',
    env: 'TRIBUTARY_BASE_URL',
    flag: '--base-url',
    defaultText: 'the listening address',
    description: 'Public origin clients use, as in `_links.base` (no path; the context path is separate).',
  },
  {
    key: 'contextPath',
    env: 'TRIBUTARY_CONTEXT_PATH',
    flag: '--context-path',
    defaultText: '(none)',
    description:
      'Path every route is served under, e.g. `/confluence` for `/confluence/rest/api/...` (downloads also at the root, for clients that join `_links.download` onto the origin).',
  },
  {
    key: 'dataDir',
    env: 'TRIBUTARY_DATA_DIR',
    flag: '--data-dir',
    defaultText: './data',
    description: 'Folder for the embedded database and blobs when their URLs are not set.',
  },
  {
    key: 'databaseUrl',
    env: 'TRIBUTARY_DATABASE_URL',
    flag: '--database-url',
    defaultText: 'sqlite:DATA_DIR/tributary.db',
    description:
      'Metadata database: `sqlite:<path>`, or PostgreSQL as `postgres://user:password@host:port/database`.',
  },
  {
    key: 'blobStoreUrl',
    env: 'TRIBUTARY_BLOB_STORE_URL',
    flag: '--blob-store-url',
    defaultText: 'file:DATA_DIR/blobs',
    description:
      'Attachment bytes: `file:<folder>` or `s3://bucket[/prefix]` (credentials from the AWS SDK chain).',
  },
  {
    key: 'maxAttachmentSizeBytes',
    env: 'TRIBUTARY_MAX_ATTACHMENT_SIZE',
    flag: '--max-attachment-size',
    defaultText: '100MiB',
    description: 'Largest attachment accepted: bytes, or a number with KB/MB/GB/KiB/MiB/GiB.',
  },
  {
    key: 'attachmentTypesAllowed',
    env: 'TRIBUTARY_ATTACHMENT_TYPES_ALLOWED',
    flag: '--attachment-types-allowed',
    defaultText: '(any)',
    description: 'Only these file types may be uploaded: extensions and media types, e.g. `.pdf,image/*`.',
  },
  {
    key: 'attachmentTypesDenied',
    env: 'TRIBUTARY_ATTACHMENT_TYPES_DENIED',
    flag: '--attachment-types-denied',
    defaultText: '(none)',
    description: 'These file types are refused with 415, e.g. `.exe,application/x-msdownload`.',
  },
  {
    key: 'anonymousAccess',
    env: 'TRIBUTARY_ANONYMOUS_ACCESS',
    flag: '--anonymous-access',
    defaultText: 'false',
    description: 'Let requests without credentials in, as the anonymous user (`true`/`false`).',
  },
  {
    key: 'trustedProxies',
    env: 'TRIBUTARY_TRUSTED_PROXIES',
    flag: '--trusted-proxies',
    defaultText: '(none)',
    description:
      'Reverse proxies whose `X-Forwarded-For` names the client (as the audit log records it): addresses and CIDR ranges, comma-separated.',
  },
  {
    key: 'adminPassword',
    env: 'TRIBUTARY_ADMIN_PASSWORD',
    flag: '--admin-password',
    defaultText: '(generated, printed once)',
    description: 'Password of the `admin` user created on first start with an empty database.',
  },
  {
    key: 'logLevel',
    env: 'TRIBUTARY_LOG_LEVEL',
    flag: '--log-level',
    defaultText: 'info',
    description: 'One of fatal, error, warn, info, debug, trace, silent.',
  },
  {
    key: 'leaseSeconds',
    env: 'TRIBUTARY_LEASE_SECONDS',
    flag: '--lease-seconds',
    defaultText: '30',
    description:
      'With several server processes on one site: how soon another process takes over the background work (long tasks, clean-ups) of one that died.',
  },
  {
    key: 'sessionIdleHours',
    env: 'TRIBUTARY_SESSION_IDLE_HOURS',
    flag: '--session-idle-hours',
    defaultText: '336',
    description:
      'How long a browser stays signed in to the web interface without being used (hours; 336 is two weeks). Sessions survive a restart; signing out or an administrator ends one at once.',
  },
  {
    key: 'signInFailuresPerUser',
    env: 'TRIBUTARY_SIGN_IN_FAILURES_PER_USER',
    flag: '--sign-in-failures-per-user',
    defaultText: '5',
    description:
      'Wrong passwords (Basic auth, the sign-in form, password changes) one user may send before sign-in is locked for them: then 429 with Retry-After, even for the right password, until a failure has decayed (one every window / limit). The right password clears the count; so does an administrator setting a new one. 0: no limit.',
  },
  {
    key: 'signInFailuresPerAddress',
    env: 'TRIBUTARY_SIGN_IN_FAILURES_PER_ADDRESS',
    flag: '--sign-in-failures-per-address',
    defaultText: '50',
    description:
      'Wrong passwords one client address (after TRIBUTARY_TRUSTED_PROXIES) may send, for any users, before it is locked likewise. Higher than the per-user limit, as many people may share one address. 0: no limit.',
  },
  {
    key: 'signInWindowSeconds',
    env: 'TRIBUTARY_SIGN_IN_WINDOW_SECONDS',
    flag: '--sign-in-window-seconds',
    defaultText: '300',
    description:
      'How long a full count of failures takes to decay to nothing. Counts are kept in memory by each server process: a restart clears them.',
  },
  {
    key: 'shutdownGraceSeconds',
    env: 'TRIBUTARY_SHUTDOWN_GRACE_SECONDS',
    flag: '--shutdown-grace-seconds',
    defaultText: '30',
    description:
      'On SIGTERM or SIGINT, how long requests under way (uploads) may take to finish before the server exits.',
  },
  {
    key: 'metrics',
    env: 'TRIBUTARY_METRICS',
    flag: '--metrics',
    defaultText: 'admin',
    description:
      "`GET /metrics` (Prometheus): `admin` for site administrators' credentials only, `public` for anyone who reaches it, `off` for none.",
  },
  {
    key: 's3Endpoint',
    env: 'TRIBUTARY_S3_ENDPOINT',
    flag: '--s3-endpoint',
    defaultText: '(AWS)',
    description: 'Endpoint of an S3-compatible store, e.g. `http://127.0.0.1:7480`.',
  },
  {
    key: 's3Region',
    env: 'TRIBUTARY_S3_REGION',
    flag: '--s3-region',
    defaultText: 'us-east-1',
    description: 'Region the S3 requests are signed for.',
  },
  {
    key: 's3ForcePathStyle',
    env: 'TRIBUTARY_S3_FORCE_PATH_STYLE',
    flag: '--s3-force-path-style',
    defaultText: 'false',
    description:
      'Address the bucket in the path (`host/bucket/key`) rather than the host name (`true`/`false`).',
  },
  {
    key: 's3Checksums',
    env: 'TRIBUTARY_S3_CHECKSUMS',
    flag: '--s3-checksums',
    defaultText: 'when_required',
    description:
      'When the SDK adds checksums to S3 requests: `when_required` (many S3-compatible stores refuse the others) or `when_supported`.',
  },
  {
    key: 'databasePoolSize',
    env: 'TRIBUTARY_DATABASE_POOL_SIZE',
    flag: '--database-pool-size',
    defaultText: '10',
    description: 'Connections each server process keeps open to PostgreSQL (unused with SQLite).',
  },
  {
    key: 'downloadOffload',
    env: 'TRIBUTARY_DOWNLOAD_OFFLOAD',
    flag: '--download-offload',
    defaultText: 'off',
    description:
      'Who sends attachment bytes (docs/download-offload.md): `off` (Tributary), `x-accel-redirect` (nginx), `x-sendfile` (Apache, lighttpd) for a blob folder; `redirect` (a presigned S3 URL) for S3.',
  },
  {
    key: 'downloadOffloadPrefix',
    env: 'TRIBUTARY_DOWNLOAD_OFFLOAD_PREFIX',
    flag: '--download-offload-prefix',
    defaultText: '/_tributary_blobs/',
    description:
      "With `x-accel-redirect`: nginx's internal location that serves the blob folder; the answer names `<prefix><ab>/<sha256>`.",
  },
  {
    key: 'profile',
    env: 'TRIBUTARY_PROFILE',
    flag: '--profile',
    serveOnly: true,
    defaultText: 'both',
    description:
      'Which Confluence to answer as (docs/profiles.md): `both` (every prefix, as by default), `cloud` (no `/rest/api` without `/wiki`, no Extender; the v1 operations Cloud has removed answer 410) or `datacenter` (no v2 and nothing under `/wiki`; `PUT` uploads answer 405). A flag of `serve` only (`serve --profile cloud`): elsewhere `--profile` names a connection profile of the toolkit.',
  },
  {
    key: 'rateLimit',
    env: 'TRIBUTARY_RATE_LIMIT',
    flag: '--rate-limit',
    defaultText: 'false',
    description:
      "Limit the rate of REST API and download requests (`true`/`false`), as Data Center's rate limiting does: a token bucket per user, per app and per anonymous client address, counted by each server process on its own; `X-RateLimit-*` headers on every limited response and 429 with Retry-After once a bucket is empty (docs/rate-limiting.md).",
  },
  {
    key: 'rateLimitFillRate',
    env: 'TRIBUTARY_RATE_LIMIT_FILL_RATE',
    flag: '--rate-limit-fill-rate',
    defaultText: '10',
    description:
      'Requests each bucket gains every interval (Data Center\'s "Requests allowed"; `X-RateLimit-FillRate`).',
  },
  {
    key: 'rateLimitIntervalSeconds',
    env: 'TRIBUTARY_RATE_LIMIT_INTERVAL_SECONDS',
    flag: '--rate-limit-interval-seconds',
    defaultText: '1',
    description: 'How often a bucket gains its fill rate, in whole seconds (`X-RateLimit-Interval-Seconds`).',
  },
  {
    key: 'rateLimitMax',
    env: 'TRIBUTARY_RATE_LIMIT_MAX',
    flag: '--rate-limit-max',
    defaultText: '100',
    description:
      'Requests a bucket can save up, and so the largest burst (Data Center\'s "Max requests"; `X-RateLimit-Limit`); at least the fill rate.',
  },
  {
    key: 'rateLimitExemptAdmins',
    env: 'TRIBUTARY_RATE_LIMIT_EXEMPT_ADMINS',
    flag: '--rate-limit-exempt-admins',
    defaultText: 'false',
    description:
      "Site administrators' own requests are not limited (`true`/`false`); requests made with an app's token still count against the app.",
  },
  {
    key: 'rateLimitOverrides',
    env: 'TRIBUTARY_RATE_LIMIT_OVERRIDES',
    flag: '--rate-limit-overrides',
    defaultText: '(none)',
    description:
      "Data Center's exemptions: comma-separated `NAME=unlimited` or `NAME=FILL/SECONDS[:MAX]`, NAME a username or `app:` and an app's name, e.g. `ci-bot=50/1:500,app:Report exporter=unlimited`.",
  },
  {
    key: 'adminToken',
    env: 'TRIBUTARY_ADMIN_TOKEN',
    flag: '--admin-token',
    defaultText: '(none; generated with `serve --ephemeral`)',
    description:
      'An API token of the `admin` user, created at start if no token has this secret, for a Bearer header in CI; 8 to 255 characters, no spaces. The secret of a revoked token cannot be used again.',
  },
  {
    key: 'testMode',
    env: 'TRIBUTARY_TEST_MODE',
    flag: '--test-mode',
    defaultText: 'false (true with `serve --ephemeral`)',
    description:
      'For testing clients (docs/testing.md): `POST /rest/tributary/1.0/reset` returns the site to its state right after start, `/rest/tributary/1.0/faults` injects faults, and TRIBUTARY_MAX_PAGE_SIZE applies (`true`/`false`). Refused over PostgreSQL or S3 unless TRIBUTARY_TEST_MODE_FORCE is set.',
  },
  {
    key: 'testModeForce',
    env: 'TRIBUTARY_TEST_MODE_FORCE',
    flag: '--test-mode-force',
    defaultText: 'false',
    description:
      'Allow test mode over a PostgreSQL database or S3 blob store, which a reset may empty (`true`/`false`). A reset needs SQLite: over PostgreSQL it answers 409.',
  },
  {
    key: 'maxPageSize',
    env: 'TRIBUTARY_MAX_PAGE_SIZE',
    flag: '--max-page-size',
    defaultText: '(none)',
    description:
      "Test mode only (ignored with a warning otherwise): the most items any list answers per page (v1 and v2 `limit`, the Extender's `maxResults`, search), whatever the client asks, so that a client reading only the first page fails its own tests; `_links.next` still leads through every item.",
  },
  {
    key: 'faults',
    env: 'TRIBUTARY_FAULTS',
    flag: '--faults',
    defaultText: '(none)',
    description:
      'Test mode only (ignored with a warning otherwise): a JSON file holding an array of fault rules in force from the start, as `POST /rest/tributary/1.0/faults` adds them (docs/testing.md, "Faults"): 429, 500 or 503 answers, delays, answers cut short, connections reset, uploads failed before they are committed.',
  },
  {
    key: 'seed',
    env: 'TRIBUTARY_SEED',
    flag: '--seed',
    serveOnly: true,
    defaultText: '(none)',
    description:
      'A fixture to load at start (docs/fixtures.md): a folder with `fixture.json` (spaces, page trees, attachments and their files), checked whole first and loaded into a site with no spaces before test mode takes its reset point. A bad fixture stops the start (exit 2) with one line naming the file and the JSON path. A flag of `serve` only.',
  },
  {
    key: 'readOnly',
    env: 'TRIBUTARY_READ_ONLY',
    flag: '--read-only',
    defaultText: 'false',
    description:
      "Read-only mode for maintenance (`true`/`false`), as Confluence Data Center's: reads work, every write answers 503 (docs/operations.md).",
  },
  {
    key: 'headersTimeoutSeconds',
    env: 'TRIBUTARY_HEADERS_TIMEOUT_SECONDS',
    flag: '--headers-timeout-seconds',
    defaultText: '30',
    description:
      'How long a client may take to send the request line and headers, counted from when it connects or starts the next request; then 408 and the connection is closed (a slowloris sender).',
  },
  {
    key: 'keepAliveTimeoutSeconds',
    env: 'TRIBUTARY_KEEP_ALIVE_TIMEOUT_SECONDS',
    flag: '--keep-alive-timeout-seconds',
    defaultText: '72',
    description:
      'How long an idle kept-alive connection stays open waiting for its next request. Longer than the 60 seconds of common load balancers, so that they close first.',
  },
  {
    key: 'socketIdleTimeoutSeconds',
    env: 'TRIBUTARY_SOCKET_IDLE_TIMEOUT_SECONDS',
    flag: '--socket-idle-timeout-seconds',
    defaultText: '120',
    description:
      'A connection with a request under way on which no byte moves either way for this long is closed: a download the client stopped reading, an upload that stopped sending.',
  },
  {
    key: 'bodyTimeoutSeconds',
    env: 'TRIBUTARY_BODY_TIMEOUT_SECONDS',
    flag: '--body-timeout-seconds',
    defaultText: '30',
    description:
      'While a request body (an upload) arrives, each window of this many seconds must bring at least TRIBUTARY_MIN_UPLOAD_BYTES_PER_SECOND times as many bytes, else the connection is closed and nothing is kept. There is no limit on the total time, so big uploads over slow links work.',
  },
  {
    key: 'minUploadBytesPerSecond',
    env: 'TRIBUTARY_MIN_UPLOAD_BYTES_PER_SECOND',
    flag: '--min-upload-bytes-per-second',
    defaultText: '1024',
    description:
      'Slowest upload rate accepted, averaged over each TRIBUTARY_BODY_TIMEOUT_SECONDS window (1 KiB/s is far below any real link). Time the server itself spends not reading (writing to a slow store) is not held against the client. 0: any rate, as long as some byte arrives in each window.',
  },
  {
    key: 'maxConnectionsPerAddress',
    env: 'TRIBUTARY_MAX_CONNECTIONS_PER_ADDRESS',
    flag: '--max-connections-per-address',
    defaultText: '256',
    description:
      'Open connections one client address may hold; more are closed as they arrive, before a byte is read. Trusted proxies (TRIBUTARY_TRUSTED_PROXIES) are not limited: they carry many clients. 0: no limit.',
  },
  {
    key: 'maxExpandDepth',
    env: 'TRIBUTARY_MAX_EXPAND_DEPTH',
    flag: '--max-expand-depth',
    defaultText: '8',
    description:
      "Levels one `expand` path may have (`children.page.version` is 3), from 1 to Confluence's own 8; deeper asks answer 400.",
  },
  {
    key: 'maxExpandNames',
    env: 'TRIBUTARY_MAX_EXPAND_NAMES',
    flag: '--max-expand-names',
    defaultText: '100',
    description:
      'Names one request may expand, counted over the whole tree (`body.storage,version` is 3); more answer 400.',
  },
];
