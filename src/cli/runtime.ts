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

/** A listening server over an opened site. */
export interface RunningServer {
  site: Site;
  app: FastifyInstance;
  authenticator: Authenticator;
  /** Where clients reach the site: the base URL plus context path (the real port even when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

/** What main.ts hands the command line, so commands never import adapters. */
export interface CliRuntime {
  openSite(config: Config, options?: { live?: boolean }): Promise<Site>;
  startServer(config: Config): Promise<RunningServer>;
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

/** Where a site keeps its metadata and its blobs. */
export interface SiteLocations {
  database: DatabaseLocation;
  blobStore: BlobStoreLocation;
}

export interface CliContext {
  runtime: CliRuntime;
  io: CliIo;
  /** The settings from the environment and the command's flags; `overrides` win over both. */
  configOf(command: Command, overrides?: ConfigFlags): Config;
}

/** Opens the site for one command and always closes it. */
export async function withSite<T>(context: CliContext, command: Command, work: (site: Site) => Promise<T>) {
  // A server may be running on the site: its unfinished uploads are not leftovers to clear.
  const site = await context.runtime.openSite(context.configOf(command), { live: true });
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
