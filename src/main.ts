/**
 * Composition root: config → adapters → services → http/cli. The only module that knows which adapters
 * exist; everything else receives ports.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { filesystemBackupArchives } from './adapters/backups/filesystem-backup-archives.ts';
import { S3BlobStoreUnavailable } from './adapters/blobs/blob-store-unavailable.ts';
import { openBlobStore } from './adapters/blobs/open-blob-store.ts';
import { sniffingMediaTypes } from './adapters/media-types/sniffing-media-types.ts';
import type { SiteDatabase } from './adapters/metadata/site-copy/site-database.ts';
import { SiteNotReadyError } from './adapters/metadata/sql/sql-metadata-store.ts';
import { openSqliteStore } from './adapters/metadata/sqlite/open-sqlite-store.ts';
import { sqliteSnapshots } from './adapters/metadata/sqlite/sqlite-snapshots.ts';
import { httpWebhookSender } from './adapters/webhooks/http-webhook-sender.ts';
import { runCli } from './cli/program.ts';
import type {
  LiveSite,
  RunningServer,
  Site,
  SiteBackupSource,
  SiteLocations,
  StartOptions,
} from './cli/runtime.ts';
import type { BlobStoreLocation, Config, DatabaseLocation } from './config/config.ts';
import { settingError } from './config/load-config.ts';
import { DomainError } from './domain/errors.ts';
import { buildHttpApp } from './http/app.ts';
import { asyncStandardError } from './http/common/request-log.ts';
import { ContentViewLog } from './services/analytics/content-view-log.ts';
import { scheduleViewFlushing } from './services/analytics/flush-content-views.ts';
import { scheduleAuditPruning } from './services/audit/schedule-audit-pruning.ts';
import { createAuthenticator } from './services/auth/authenticate.ts';
import { SignInLimiter } from './services/auth/sign-in-limiter.ts';
import { scheduleBackupJobs } from './services/backups/run-backup-jobs.ts';
import { BlobPins } from './services/blobs/blob-pins.ts';
import type { ServiceDeps } from './services/deps.ts';
import { initialiseSite } from './services/site/initialise-site.ts';
import type { MigrateSiteDeps } from './services/site/migrate-site.ts';
import { takeSiteSnapshot } from './services/site/reset-site.ts';
import { scheduleSiteDuties } from './services/site/schedule-site-duties.ts';
import { RunningTasks } from './services/tasks/running-tasks.ts';
import { ensureAdminToken } from './services/tokens/ensure-admin-token.ts';
import {
  defaultRetryDelaysMs,
  scheduleWebhookDelivery,
} from './services/webhooks/schedule-webhook-delivery.ts';

/** The composition root's products; declared beside the CLI runtime that receives them. */
export type { RunningServer, Site };

/**
 * A database we cannot reach is reported as its setting, like a malformed one (one line, exit 2). The
 * PostgreSQL adapter (and its driver) is loaded only when configured: an embedded site starts without it.
 */
async function openMetadataStore(database: DatabaseLocation, options: { live: boolean }) {
  try {
    if (database.kind === 'sqlite') return await openSqliteStore(database.path, options);
    const { openPostgresStore, DatabaseUnavailableError } = await import(
      './adapters/metadata/postgres/open-postgres-store.ts'
    );
    try {
      return await openPostgresStore(database.url, database.poolSize, options);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        throw settingError('databaseUrl', `cannot open the database: ${error.message}`);
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof SiteNotReadyError) throw settingError('databaseUrl', error.message);
    throw error;
  }
}

/** What a server needs done to its site before it answers: the first start's work, the admin token, the seed. */
async function readySite(services: ServiceDeps, config: Config, options: StartOptions) {
  const initialisation = await initialiseSite(services, config.adminPassword);
  const adminToken =
    config.adminToken !== undefined || options.ephemeral
      ? await ensureAdminToken(services, config.adminToken)
      : undefined;
  // The site a test-mode reset returns to: the fixture (`--seed`) is part of it.
  if (config.seed !== undefined) await seedSite(services, config.seed, config);
  if (config.testMode) await takeSiteSnapshot(services);
  return { initialisation, adminToken };
}

export async function openSite(config: Config): Promise<Site> {
  const { services, appliedMigrations, close } = await openServices(config, { live: false });
  try {
    const initialisation = await initialiseSite(services, config.adminPassword);
    return { services, initialisation, appliedMigrations, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The site as servers use it meanwhile (`fsck`): nothing runs as it opens. Its blob store keeps their
 * unfinished puts, no blob is swept, and its database is neither created nor migrated.
 */
export async function openLiveSite(config: Config): Promise<LiveSite> {
  const { services, close } = await openServices(config, { live: true });
  return { services, close };
}

async function openServices(config: Config, options: { live: boolean }) {
  const { blobs, close: closeBlobs } = await openConfiguredBlobStore(config.blobStore, options);
  const { store, contentSearch, appliedMigrations } = await openMetadataStore(config.database, options).catch(
    (error: unknown) => {
      closeBlobs();
      throw error;
    },
  );
  const webhookSender = httpWebhookSender();
  const clock = { nowMs: () => Date.now() };
  const services: ServiceDeps = {
    store,
    contentSearch,
    blobs,
    clock,
    // SQLite with a folder serves one process; other stores may be shared, and so must their pins be.
    blobPins: new BlobPins(
      config.database.kind === 'sqlite'
        ? undefined
        : { repository: store.blobPins, clock, pinMs: 6 * 60 * 60 * 1000 },
    ),
    contentViews: new ContentViewLog(),
    signIns: new SignInLimiter(config.signInLimits, clock),
    runningTasks: new RunningTasks(),
    mediaTypes: sniffingMediaTypes,
    accessMode: config.readOnly ? 'READ_ONLY' : 'READ_WRITE',
    limits: {
      maxAttachmentSizeBytes: config.maxAttachmentSizeBytes,
      attachmentTypesAllowed: config.attachmentTypesAllowed,
      attachmentTypesDenied: config.attachmentTypesDenied,
    },
    webhookSender,
    backupArchives: filesystemBackupArchives(config.dataDir),
    // Names this process in the leases it holds, for as long as it runs (a restart is a new node).
    node: { id: `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`, leaseMs: config.leaseMs },
  };
  const close = async () => {
    await webhookSender.close();
    await store.close();
    closeBlobs();
  };
  return { services, appliedMigrations, close };
}

/** An object store that cannot be used stops start-up as a bad setting would: one line, exit code 2. */
async function openConfiguredBlobStore(location: BlobStoreLocation, options?: { live: boolean }) {
  try {
    return await openBlobStore(location, options);
  } catch (error) {
    if (!(error instanceof S3BlobStoreUnavailable)) throw error;
    throw settingError(error.problem === 'endpoint' ? 's3Endpoint' : 'blobStoreUrl', error.message);
  }
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const opened = await openServices(config, { live: false });
  const { services } = opened;
  const authenticator = createAuthenticator(services, {
    anonymousAccess: config.anonymousAccess,
    sessionIdleMs: config.sessionIdleMs,
  });
  let listeningOrigin = '';
  const publicBaseUrl = () => config.baseUrl ?? listeningOrigin;
  let stopping = false;
  const app = buildHttpApp({
    services,
    authenticator,
    config,
    publicBaseUrl,
    stopping: () => stopping,
    // Standard output then carries only the line a test runner reads (serve-command.ts).
    ...(options.ephemeral && { logStream: asyncStandardError() }),
  });
  // Readying the site (a new site's administrator, whose password hash is slow on purpose; a seed; the
  // test-mode snapshot) waits on the disk and the thread pool, while registering the routes keeps the
  // event loop busy: the two run side by side, and nothing is answered before both are done.
  const [ready, registered] = await Promise.allSettled([readySite(services, config, options), app.ready()]);
  if (ready.status === 'rejected' || registered.status === 'rejected') {
    // A registration that failed has nothing left to close; the site's failure is the one worth telling.
    await app.close().catch(() => undefined);
    await opened.close();
    throw ready.status === 'rejected' ? ready.reason : (registered as PromiseRejectedResult).reason;
  }
  const { initialisation, adminToken } = ready.value;
  const site: Site = { ...opened, initialisation };
  if (config.maxPageSize !== undefined && !config.testMode) {
    app.log.warn('TRIBUTARY_MAX_PAGE_SIZE applies only in test mode (TRIBUTARY_TEST_MODE=true): ignored');
  }
  if (config.faults.length > 0 && !config.testMode) {
    app.log.warn('TRIBUTARY_FAULTS applies only in test mode (TRIBUTARY_TEST_MODE=true): ignored');
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await site.close();
    throw error;
  }
  // Once-per-site work runs on the one process holding the site's duties (several may serve a site).
  const duties = await scheduleSiteDuties(site.services, {
    sweepEveryMs: 60 * 60 * 1000,
    onError: (error) => app.log.error({ err: error }, 'Background work of the site failed'),
  });
  // Retention is applied at start and hourly; reads hide expired records in between.
  const auditPruning = scheduleAuditPruning(site.services, {
    everyMs: 60 * 60 * 1000,
    runsHere: duties.held,
    onError: (error) => app.log.error({ err: error }, 'Removing audit records past their retention failed'),
  });
  // Queued events are sent after their change commits, never on the request that made it.
  const webhookDelivery = scheduleWebhookDelivery(site.services, {
    everyMs: 200,
    retryDelaysMs: defaultRetryDelaysMs,
    onError: (error) => app.log.error({ err: error }, 'Delivering a webhook failed'),
  });
  const backupJobs = scheduleBackupJobs(site.services, {
    everyMs: 250,
    runsHere: duties.held,
    onError: (error) => app.log.error({ err: error }, 'Running a backup or restore job failed'),
  });
  // Views are counted in memory on reads and written every few seconds, off the reads' path.
  const viewFlushing = scheduleViewFlushing(site.services, {
    everyMs: 10 * 1000,
    onError: (error) => app.log.error({ err: error }, 'Writing content views failed'),
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  listeningOrigin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    site,
    app,
    authenticator,
    adminToken,
    url: publicBaseUrl() + config.contextPath,
    // A second signal during the first shutdown waits for it rather than closing twice.
    close() {
      closed ??= shutDown();
      return closed;
    },
  };

  // Graceful: no new connections and `/status` says STOPPING at once; requests under way (uploads) get
  // the grace period to finish, then their connections are cut. Leases go last, so other processes
  // take this one's work over at once rather than after the leases run out.
  async function shutDown() {
    stopping = true;
    const closing = app.close();
    const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
    await auditPruning.stop();
    await webhookDelivery.stop();
    await backupJobs.stop();
    await duties.stop();
    await closing;
    clearTimeout(grace);
    await viewFlushing.stop();
    await site.services.store.leases.releaseAll(site.services.node.id).catch((error: unknown) => {
      app.log.error({ err: error }, 'Giving up the leases of this process failed');
    });
    await site.close();
  }
}

/**
 * `--seed`: the fixture read and checked whole, then loaded. A fixture that is not right stops the start
 * as a bad setting does (one line naming the file and the JSON path, exit 2). Its modules load only
 * when a seed is given.
 */
async function seedSite(services: ServiceDeps, seed: string, config: Config): Promise<void> {
  const { readFixture, fixtureFiles, FixtureError } = await import('./cli/fixtures/read-fixture.ts');
  const { loadFixture, FixtureRefused } = await import('./services/fixtures/load-fixture.ts');
  try {
    const fixture = await readFixture(seed, { maxAttachmentSizeBytes: config.maxAttachmentSizeBytes });
    try {
      await loadFixture(services, fixture, fixtureFiles);
    } catch (error) {
      // A rule only the site knows (a file type it refuses): the site was put back as it was (SQLite).
      if (error instanceof FixtureRefused)
        throw new FixtureError(fixture.source, error.at, error.reason.message);
      throw error;
    }
  } catch (error) {
    if (error instanceof FixtureError) throw settingError('seed', error.message);
    // The site has spaces already.
    if (error instanceof DomainError) throw settingError('seed', `${seed}: ${error.message}`);
    throw error;
  }
}

/**
 * The configured (embedded) site as the source of `migrate-site`, and the site it moves to; the target's
 * migrations are applied as it opens, and nothing else runs on either (no initialisation, no admin).
 */
export async function openSiteMigration(config: Config, to: SiteLocations): Promise<MigrateSiteDeps> {
  if (config.database.kind !== 'sqlite' || config.blobStore.kind !== 'file') {
    throw settingError('databaseUrl', 'migrate-site moves an embedded site: sqlite: with a file: blob store');
  }
  const opened: { close(): unknown }[] = [];
  const closeAll = async () => {
    for (const part of opened.splice(0).reverse()) await part.close();
  };
  try {
    const source = await openConfiguredBlobStore(config.blobStore);
    opened.push(source);
    const target = await openConfiguredBlobStore(to.blobStore);
    opened.push(target);
    // Site copies are rare: their adapters (and the PostgreSQL driver) load only when one is asked for.
    const { openSqliteSiteDatabase } = await import('./adapters/metadata/site-copy/site-database.ts');
    const { sqlSiteCopier } = await import('./adapters/metadata/site-copy/sql-site-copier.ts');
    const sourceDatabase = await openSqliteSiteDatabase(config.database.path);
    opened.push(sourceDatabase);
    const targetDatabase = await openTargetDatabase(to.database);
    opened.push(targetDatabase);
    const copier = await sqlSiteCopier(sourceDatabase, targetDatabase);
    // From here the copier closes both databases (after ending its read of the source).
    opened.splice(2, 2, copier);
    return {
      copier: { ...copier, close: closeAll },
      sourceBlobs: source.blobs,
      targetBlobs: target.blobs,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** `site-backup` reads a site that servers keep writing: its blob store is left as they use it. */
async function openSiteBackup(config: Config): Promise<SiteBackupSource> {
  if (config.database.kind !== 'sqlite')
    throw settingError(
      'databaseUrl',
      'site-backup snapshots an embedded site (sqlite:); use pg_dump for PostgreSQL',
    );
  const { blobs, close } = await openConfiguredBlobStore(config.blobStore, { live: true });
  return { snapshots: sqliteSnapshots(config.database.path), blobs, close };
}

/** `site-restore` fills an empty site: its blob store opened as `serve` opens it. */
async function openSiteRestore(config: Config): Promise<SiteBackupSource> {
  if (config.database.kind !== 'sqlite')
    throw settingError(
      'databaseUrl',
      'site-restore restores an embedded site (sqlite:); use pg_restore for PostgreSQL',
    );
  const { blobs, close } = await openConfiguredBlobStore(config.blobStore);
  return { snapshots: sqliteSnapshots(config.database.path), blobs, close };
}

/**
 * The version package.json states, found by the package's own name (its `exports` lists package.json):
 * the same from src/, from dist/ and from the bundle, which sit at different depths below it.
 */
const tributaryVersion = (): string =>
  (createRequire(import.meta.url)('tributary/package.json') as { version: string }).version;

/** The database a site moves to, migrated to the latest schema. */
async function openTargetDatabase(location: DatabaseLocation): Promise<SiteDatabase> {
  const { openPostgresSiteDatabase, openSqliteSiteDatabase } = await import(
    './adapters/metadata/site-copy/site-database.ts'
  );
  return location.kind === 'sqlite'
    ? openSqliteSiteDatabase(location.path)
    : openPostgresSiteDatabase(location.url, location.poolSize);
}

/**
 * The process's command line. A reader that goes away (`tributary attachments ls | head`) ends the
 * command quietly, as it would a shell tool, instead of with a stack trace from the failed write.
 */
export const main = (argv: string[]) => {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return runCli(argv, {
    openSite,
    openLiveSite,
    startServer,
    openSiteMigration,
    siteBackups: {
      openSource: openSiteBackup,
      openTarget: openSiteRestore,
      // Read when a backup asks, not at every start: a command that needs no version cannot fail on it.
      get version() {
        return tributaryVersion();
      },
    },
  });
};
