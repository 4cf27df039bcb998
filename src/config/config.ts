import type { FaultRule } from '../domain/fault-rule.ts';

export type DatabaseLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; poolSize: number };
export type BlobStoreLocation =
  | { kind: 'file'; path: string }
  | {
      kind: 's3';
      bucket: string;
      /** '' or a key prefix ending in '/'. */
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      checksums: 'when_required' | 'when_supported';
    };
/** Who may read `GET /metrics`. */
export type MetricsAccess = 'off' | 'admin' | 'public';
/**
 * Who sends a download's bytes once Tributary has checked the request and set its headers
 * (docs/download-offload.md): Tributary itself, a proxy in front of it reading the blob folder
 * (`x-accel-redirect`: the path under `prefix`; `x-sendfile`: the file's absolute path), or S3 through a
 * presigned URL the client is redirected to.
 */
export type DownloadOffload =
  | { kind: 'off' }
  | { kind: 'x-accel-redirect'; prefix: string }
  | { kind: 'x-sendfile' }
  | { kind: 'redirect' };
/** Which Confluence the server answers as (docs/profiles.md); `both` serves every prefix. */
export type Profile = 'both' | 'cloud' | 'datacenter';
/** A token bucket as Data Center configures one: `fillRate` requests every `intervalSeconds`, at most `max` saved up. */
export interface RateLimitRule {
  readonly fillRate: number;
  readonly intervalSeconds: number;
  readonly max: number;
}
/** Request rate limiting (docs/rate-limiting.md); off unless `enabled`. */
export interface RateLimits {
  readonly enabled: boolean;
  readonly rule: RateLimitRule;
  readonly exemptAdministrators: boolean;
  /** Rules of chosen users (by lower-case username) and apps (`app:Name`); `unlimited` exempts. */
  readonly overrides: ReadonlyMap<string, RateLimitRule | 'unlimited'>;
}
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Time-outs and limits that keep one client from exhausting the server (docs/limits.md). */
export interface ServerLimits {
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly socketIdleTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** 0: any rate, as long as a byte arrives in each body window. */
  readonly minUploadBytesPerSecond: number;
  /** 0: no limit. */
  readonly maxConnectionsPerAddress: number;
  readonly maxExpandDepth: number;
  readonly maxExpandNames: number;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Public origin, no trailing slash, e.g. `https://wiki.example.com`; unset: the address we listen on. */
  readonly baseUrl: string | undefined;
  /** '' or a path like `/confluence`, no trailing slash. */
  readonly contextPath: string;
  readonly dataDir: string;
  readonly database: DatabaseLocation;
  readonly blobStore: BlobStoreLocation;
  readonly maxAttachmentSizeBytes: number;
  /** Lower-cased extensions (`.pdf`) and media types (`image/*`); empty: every type. */
  readonly attachmentTypesAllowed: readonly string[];
  readonly attachmentTypesDenied: readonly string[];
  readonly anonymousAccess: boolean;
  /** Addresses and CIDR ranges of reverse proxies to believe about the client's address; empty: none. */
  readonly trustedProxies: readonly string[];
  readonly adminPassword: string | undefined;
  readonly logLevel: LogLevel;
  /** How long a lease lasts unrenewed: how soon another process takes over a dead one's work. */
  readonly leaseMs: number;
  readonly shutdownGraceMs: number;
  /** How long a web interface session lasts unused. */
  readonly sessionIdleMs: number;
  /** Failed password checks before a user or an address is locked out (services/auth/sign-in-limiter.ts). */
  readonly signInLimits: { failuresPerUser: number; failuresPerAddress: number; windowMs: number };
  readonly metrics: MetricsAccess;
  readonly downloadOffload: DownloadOffload;
  readonly profile: Profile;
  readonly rateLimits: RateLimits;
  /** The secret of an API token of `admin`, made usable at start (services/tokens/ensure-admin-token.ts). */
  readonly adminToken: string | undefined;
  /** Reset and the paging adversary are on (docs/testing.md). */
  readonly testMode: boolean;
  /** With test mode: the most items a list answers per page; undefined: each list's own cap. */
  readonly maxPageSize: number | undefined;
  /** With test mode: the fault rules in force from the start (TRIBUTARY_FAULTS). */
  readonly faults: readonly FaultRule[];
  /** A fixture folder (or its fixture.json) to load at start, resolved; undefined: none (docs/fixtures.md). */
  readonly seed: string | undefined;
  /** Read-only mode for maintenance: reads are served, writes refused (docs/operations.md). */
  readonly readOnly: boolean;
  readonly serverLimits: ServerLimits;
}
