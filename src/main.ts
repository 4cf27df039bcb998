/**
 * Composition root: config → adapters → services → http/cli. The only module that knows which adapters
 * exist; everything else receives ports.
 */
import { filesystemBackupArchives } from './adapters/backups/filesystem-backup-archives.ts';
import { FilesystemBlobStore } from './adapters/blobs/filesystem-blob-store.ts';
import { sniffingMediaTypes } from './adapters/media-types/sniffing-media-types.ts';
import {
  DatabaseUnavailableError,
  openPostgresStore,
} from './adapters/metadata/postgres/open-postgres-store.ts';
import { openSqliteStore } from './adapters/metadata/sqlite/open-sqlite-store.ts';
import { httpWebhookSender } from './adapters/webhooks/http-webhook-sender.ts';
import { runCli } from './cli/program.ts';
import type { RunningServer, Site } from './cli/runtime.ts';
import type { Config, DatabaseLocation } from './config/config.ts';
import { settingError } from './config/load-config.ts';
import { buildHttpApp } from './http/app.ts';
import { ContentViewLog } from './services/analytics/content-view-log.ts';
import { scheduleViewFlushing } from './services/analytics/flush-content-views.ts';
import { scheduleAuditPruning } from './services/audit/schedule-audit-pruning.ts';
import { createAuthenticator } from './services/auth/authenticate.ts';
import { scheduleBackupJobs } from './services/backups/run-backup-jobs.ts';
import { BlobPins } from './services/blobs/blob-pins.ts';
import { BodyConversions } from './services/content/body-conversions.ts';
import type { ServiceDeps } from './services/deps.ts';
import { initialiseSite } from './services/site/initialise-site.ts';
import {
  defaultRetryDelaysMs,
  scheduleWebhookDelivery,
} from './services/webhooks/schedule-webhook-delivery.ts';

/** The composition root's products; declared beside the CLI runtime that receives them. */
export type { RunningServer, Site };

/** A database we cannot reach is reported as its setting, like a malformed one (one line, exit 2). */
async function openMetadataStore(database: DatabaseLocation) {
  if (database.kind === 'sqlite') return openSqliteStore(database.path);
  try {
    return await openPostgresStore(database.url, database.poolSize);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      throw settingError('databaseUrl', `cannot open the database: ${error.message}`);
    }
    throw error;
  }
}

export async function openSite(config: Config): Promise<Site> {
  const blobs = new FilesystemBlobStore(config.blobStore.path);
  await blobs.init();
  const { store, contentSearch, appliedMigrations } = await openMetadataStore(config.database);
  const webhookSender = httpWebhookSender();
  const services: ServiceDeps = {
    store,
    contentSearch,
    blobs,
    clock: { nowMs: () => Date.now() },
    blobPins: new BlobPins(),
    bodyConversions: new BodyConversions(),
    contentViews: new ContentViewLog(),
    mediaTypes: sniffingMediaTypes,
    limits: {
      maxAttachmentSizeBytes: config.maxAttachmentSizeBytes,
      attachmentTypesAllowed: config.attachmentTypesAllowed,
      attachmentTypesDenied: config.attachmentTypesDenied,
    },
    webhookSender,
    backupArchives: filesystemBackupArchives(config.dataDir),
  };
  try {
    const initialisation = await initialiseSite(services, config.adminPassword);
    const close = async () => {
      await webhookSender.close();
      await store.close();
    };
    return { services, initialisation, appliedMigrations, close };
  } catch (error) {
    await webhookSender.close();
    await store.close();
    throw error;
  }
}

export async function startServer(config: Config): Promise<RunningServer> {
  const site = await openSite(config);
  const authenticator = createAuthenticator(site.services, { anonymousAccess: config.anonymousAccess });
  let listeningOrigin = '';
  const publicBaseUrl = () => config.baseUrl ?? listeningOrigin;
  const app = buildHttpApp({ services: site.services, authenticator, config, publicBaseUrl });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await site.close();
    throw error;
  }
  // Retention is applied at start and hourly; reads hide expired records in between.
  const auditPruning = scheduleAuditPruning(site.services, {
    everyMs: 60 * 60 * 1000,
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
  return {
    site,
    app,
    authenticator,
    url: publicBaseUrl() + config.contextPath,
    async close() {
      await auditPruning.stop();
      await webhookDelivery.stop();
      await backupJobs.stop();
      await app.close();
      await viewFlushing.stop();
      await site.close();
    },
  };
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
  return runCli(argv, { openSite, startServer });
};
