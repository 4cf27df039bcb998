import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { BlobStoreLocation, Config, DatabaseLocation } from '../config/config.ts';
import type { ConfigFlags } from '../config/load-config.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { DatabaseSnapshots } from '../ports/database-snapshots.ts';
import type { Authenticator } from '../services/auth/authenticate.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { SiteInitialisation } from '../services/site/initialise-site.ts';
import type { MigrateSiteDeps } from '../services/site/migrate-site.ts';
import type { CliIo } from './toolkit/toolkit-context.ts';

/** An opened site: its services over the wired adapters; `close` releases the store. */
export interface Site {
  services: ServiceDeps;
  initialisation: SiteInitialisation;
  appliedMigrations: string[];
  close(): Promise<void>;
}

/** A site that servers use meanwhile, opened without changing anything (runtime.openLiveSite). */
export type LiveSite = Pick<Site, 'services' | 'close'>;

/** A listening server over an opened site. */
export interface RunningServer {
  site: Site;
  app: FastifyInstance;
  authenticator: Authenticator;
  /** The secret of the admin's token made usable at start (TRIBUTARY_ADMIN_TOKEN, or generated). */
  adminToken: string | undefined;
  /** Where clients reach the site: the base URL plus context path (the real port even when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

/** What main.ts hands the command line, so commands never import adapters. */
export interface CliRuntime {
  openSite(config: Config): Promise<Site>;
  /**
   * The configured site for `fsck` while servers run: no initialisation, no start-up sweeps, the blob
   * store's unfinished puts kept, and a database that is missing or not migrated refused, not changed.
   */
  openLiveSite(config: Config): Promise<LiveSite>;
  startServer(config: Config, options?: StartOptions): Promise<RunningServer>;
  /** The configured site as the source of a copy into `target`; closing the copier closes both databases. */
  openSiteMigration(config: Config, target: SiteLocations): Promise<MigrateSiteDeps>;
  /** For `site-backup` and `site-restore`; tests that run other commands leave it out. */
  siteBackups?: SiteBackupRuntime;
}

export interface SiteBackupRuntime {
  /**
   * The configured site's database snapshots and blob store, for `site-backup` while servers run: the
   * store is opened without the start-up clean-up that would take a live server's unfinished puts.
   */
  openSource(config: Config): Promise<SiteBackupSource>;
  /** The configured (empty) site's blob store, to restore into, opened as `serve` opens it. */
  openTarget(config: Config): Promise<SiteBackupSource>;
  /** The version of Tributary running, as package.json states it. */
  version: string;
}

export interface SiteBackupSource {
  snapshots: DatabaseSnapshots;
  blobs: BlobStore;
  close(): void;
}

export interface StartOptions {
  /**
   * `serve --ephemeral`: logs go to standard error, and the admin gets a generated token when
   * TRIBUTARY_ADMIN_TOKEN names none.
   */
  ephemeral?: boolean;
}

/** Where a site keeps its metadata and its blobs. */
export interface SiteLocations {
  database: DatabaseLocation;
  blobStore: BlobStoreLocation;
}

export interface CliContext {
  runtime: CliRuntime;
  io: CliIo;
  /**
   * The settings from the environment and the command's flags; `overrides` win over both, and `defaults`
   * stand for the documented defaults.
   */
  configOf(command: Command, overrides?: ConfigFlags, defaults?: ConfigFlags): Config;
}

/** Opens the site for one command and always closes it. */
export async function withSite<T>(context: CliContext, command: Command, work: (site: Site) => Promise<T>) {
  const site = await context.runtime.openSite(context.configOf(command));
  try {
    return await work(site);
  } finally {
    await site.close();
  }
}

/** Opens the site as servers use it meanwhile (openLiveSite) for one command, and always closes it. */
export async function withLiveSite<T>(
  context: CliContext,
  command: Command,
  work: (site: LiveSite) => Promise<T>,
) {
  const site = await context.runtime.openLiveSite(context.configOf(command));
  try {
    return await work(site);
  } finally {
    await site.close();
  }
}

export function printJsonOr<T>(io: CliIo, json: boolean, rows: T[], line: (row: T) => string): void {
  if (json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else for (const row of rows) io.out(`${line(row)}\n`);
}
