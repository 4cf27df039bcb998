import type { AccessMode } from '../domain/site.ts';
import type { BackupArchives } from '../ports/backup-store.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { ContentSearch } from '../ports/content-search.ts';
import type { MediaTypes } from '../ports/media-types.ts';
import type { MetadataStore } from '../ports/metadata-store.ts';
import type { WebhookSender } from '../ports/webhook-sender.ts';
import type { ContentViewLog } from './analytics/content-view-log.ts';
import type { SignInLimiter } from './auth/sign-in-limiter.ts';
import type { BlobPins } from './blobs/blob-pins.ts';
import type { RunningTasks } from './tasks/running-tasks.ts';

/** What every use case may reach: ports only, never an adapter. */
export interface ServiceDeps {
  store: MetadataStore;
  /** CQL evaluated inside the metadata store (issue 5). */
  contentSearch: ContentSearch;
  blobs: BlobStore;
  clock: Clock;
  /** Uploaded bytes not yet committed; blob clean-up skips them. */
  blobPins: BlobPins;
  mediaTypes: MediaTypes;
  limits: UploadLimits;
  /** Webhook POSTs, sent after the change commits (services/webhooks). */
  webhookSender: WebhookSender;
  /** Backup archives and files waiting to be restored (services/backups). */
  backupArchives: BackupArchives;
  /** Content views counted in memory until the next write. */
  contentViews: ContentViewLog;
  /** Failed password checks per user and address, and their lock-outs (services/auth/sign-in-limiter.ts). */
  signIns: SignInLimiter;
  /** The long tasks this process runs now (services/tasks). */
  runningTasks: RunningTasks;
  /** This process among the others serving the same site (leases, services/site/keep-lease.ts). */
  node: NodeIdentity;
  /** `READ_ONLY` in read-only mode for maintenance (TRIBUTARY_READ_ONLY): every write is refused. */
  accessMode?: AccessMode;
}

export interface NodeIdentity {
  /** Unique to this process, for as long as it runs. */
  id: string;
  /** How long a lease this process takes lasts without renewal: how soon others take over its work. */
  leaseMs: number;
}

export interface UploadLimits {
  maxAttachmentSizeBytes: number;
  /** Lower-cased extensions and media types (`.pdf`, `image/*`); empty: any. */
  attachmentTypesAllowed: readonly string[];
  attachmentTypesDenied: readonly string[];
}
