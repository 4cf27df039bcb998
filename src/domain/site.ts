/**
 * The Confluence Data Center release whose REST API Tributary answers (the DC spec's `info.version`,
 * test/spec/confluence-dc-10.0.3.openapi.json). `server-information` reports it as `version`, so clients
 * that choose behaviour by Confluence version take the 10.x one; the build fields are left out, since
 * there is no Atlassian build here.
 */
export const answeredDcVersion = '10.0.3';

/** `READ_ONLY` in read-only mode for maintenance, when every write is refused (`GET /accessmode`). */
export type AccessMode = 'READ_WRITE' | 'READ_ONLY';

export interface InstanceMetrics {
  pages: number;
  blogPosts: number;
  comments: number;
  attachments: number;
  spaces: number;
  /** Active accounts: those that may sign in. */
  users: number;
}

/** This process, the one node of the site (`GET /cluster/nodes`). */
export interface NodeStatus {
  hostname: string;
  pid: number;
  startedAtMs: number;
  nodeVersion: string;
  platform: string;
  heapUsedBytes: number;
  heapTotalBytes: number;
  residentBytes: number;
}

/** Made once, when the database is created; Cloud calls the id `cloudId`. */
export interface SiteIdentity {
  siteId: string;
  createdAtMs: number;
}
