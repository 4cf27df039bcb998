/**
 * Takes or updates a backup: lists the selection, records the pages it lives on and, for each
 * attachment, its labels, properties and every version. Bytes are fetched only for versions the backup
 * does not hold yet (by attachment and version number, or, where the server states hashes, by SHA-256),
 * so a re-run fetches only what changed. The manifest is rewritten atomically every so often and at the
 * end; a blob appears under its hash only once complete and checked.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  type Attachment,
  type AttachmentVersion,
  type ConfluenceClient,
  getPage,
  listAttachmentComments,
  listLabels,
  listProperties,
  type Selector,
  sha256OfFile,
} from '../../client/index.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import {
  type BackupAttachment,
  type BackupPage,
  type BackupVersion,
  blobPathOf,
  emptyManifest,
  hasBlob,
  type Manifest,
  readManifest,
  writeManifest,
} from './manifest.ts';

export interface BackupOptions {
  client: ConfluenceClient;
  selector: Selector;
  dir: string;
  dryRun: boolean;
  concurrency: number;
  tally: Tally;
  progressOf: (label: string) => Progress;
  nowMs: () => number;
}

/** Attachments finished between two manifest checkpoints. */
const checkpointEvery = 25;

export async function takeBackup(options: BackupOptions): Promise<Manifest> {
  const { client, selector, dir, tally } = options;
  const startedMs = options.nowMs();
  const previous =
    (await readManifest(dir)) ??
    emptyManifest({ url: client.http.siteUrl, flavour: client.server.flavour, selector }, startedMs);
  const pages = new Map(previous.pages.map((page) => [page.id, page]));
  const entries = new Map(previous.attachments.map((entry) => [entry.id, entry]));
  const snapshot = (): Manifest => ({
    ...previous,
    updatedAtMs: options.nowMs(),
    source: { url: client.http.siteUrl, flavour: client.server.flavour, selector },
    pages: [...pages.values()],
    attachments: [...entries.values()],
  });
  let saving = Promise.resolve();
  const checkpoint = () => {
    if (options.dryRun) return saving;
    saving = saving.then(() => writeManifest(dir, snapshot()));
    return saving;
  };

  const attachments = await listSelection(options);
  const containerIds = new Set(attachments.map((attachment) => attachment.containerId));
  if (selector.kind !== 'cql') {
    for await (const container of client.listContainers(selector)) containerIds.add(container.id);
  }
  await runPool(containerIds, options.concurrency, async (id) => {
    try {
      const page = await getPage(client, id);
      pages.set(id, { ...page } satisfies BackupPage);
    } catch (error) {
      if (!isOperationalError(error)) throw error;
      tally.add({ outcome: 'failed', subject: `page ${id}`, detail: messageOf(error), bytes: 0 });
    }
  });

  const totalBytes = attachments.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);
  const progress = options.progressOf(options.dryRun ? 'Checking' : 'Backing up');
  progress.start({ items: attachments.length, bytes: totalBytes });
  let finished = 0;
  try {
    await runPool(attachments, options.concurrency, async (attachment) => {
      const entry = await backUpAttachment(options, attachment, entries.get(attachment.id), progress);
      if (entry) entries.set(attachment.id, entry);
      progress.item();
      finished += 1;
      if (finished % checkpointEvery === 0) await checkpoint();
    });
  } finally {
    progress.stop();
  }
  await checkpoint();
  // Left-over pieces only help a run that failed; after a clean one they are litter.
  if (!options.dryRun && !tally.items.some((item) => item.outcome === 'failed')) {
    await rm(incomingDir(dir), { recursive: true, force: true });
  }
  return snapshot();
}

async function listSelection(options: BackupOptions): Promise<Attachment[]> {
  const listing = options.progressOf('Listing');
  const attachments: Attachment[] = [];
  listing.start();
  try {
    for await (const attachment of options.client.listAttachments(options.selector)) {
      attachments.push(attachment);
      listing.item();
    }
  } finally {
    listing.stop();
  }
  return attachments;
}

const incomingDir = (dir: string) => path.join(dir, 'blobs', 'incoming');

/** Every version, oldest first; the current one is there even if the history leaves it out. */
async function versionsOf(client: ConfluenceClient, attachment: Attachment): Promise<AttachmentVersion[]> {
  const versions = await client.listVersions(attachment);
  if (!versions.some((version) => version.number === attachment.versionNumber)) {
    versions.push({
      number: attachment.versionNumber,
      createdAtMs: attachment.modifiedAtMs,
      message: attachment.comment,
      minorEdit: attachment.minorEdit,
      sizeBytes: attachment.sizeBytes,
    });
  }
  return versions.sort((a, b) => a.number - b.number);
}

/**
 * One attachment's entry, updated. Any failure keeps the previous entry whole (a restore must never
 * see a history with a hole in it) and is reported.
 */
async function backUpAttachment(
  options: BackupOptions,
  attachment: Attachment,
  previous: BackupAttachment | undefined,
  progress: Progress,
): Promise<BackupAttachment | undefined> {
  const { client, dir, tally } = options;
  const subject = `${attachment.containerId}/${attachment.title}`;
  try {
    const [versions, labels, properties, comments] = await Promise.all([
      versionsOf(client, attachment),
      listLabels(client, attachment.id),
      listProperties(client, attachment.id),
      listAttachmentComments(client, attachment.id),
    ]);
    const known = new Map(previous?.versions.map((version) => [version.number, version]));
    const recorded: BackupVersion[] = [];
    let fetchedBytes = 0;
    let fetched = 0;
    for (const version of versions) {
      const old = known.get(version.number);
      if (old && (options.dryRun || (await hasBlob(dir, old.sha256, old.sizeBytes)))) {
        recorded.push(old);
        continue;
      }
      const facts =
        version.number === attachment.versionNumber
          ? attachment
          : await client.getAttachment(attachment.id, { versionNumber: version.number });
      const source = { ...attachment, title: facts.title };
      let sha256 = await client.statedSha256(source, version.number);
      const alreadyHeld = sha256 !== undefined && (await hasBlob(dir, sha256, facts.sizeBytes));
      if (!alreadyHeld && !options.dryRun) {
        sha256 = await fetchBlob(client, dir, source, version.number, facts.sizeBytes, progress);
        fetchedBytes += facts.sizeBytes;
      }
      if (!alreadyHeld) fetched += 1;
      recorded.push({
        number: version.number,
        title: facts.title,
        mediaType: facts.mediaType,
        sizeBytes: facts.sizeBytes,
        sha256: sha256 ?? '',
        comment: version.message || (version.number === attachment.versionNumber ? attachment.comment : ''),
        minorEdit: version.minorEdit,
        createdAtMs: version.createdAtMs,
      });
    }
    tally.add({
      outcome: fetched > 0 ? 'done' : 'skipped',
      subject,
      detail:
        fetched > 0
          ? `${options.dryRun ? 'would fetch' : 'fetched'} ${fetched} of ${versions.length} versions`
          : `all ${versions.length} versions already in the backup`,
      bytes: options.dryRun ? attachment.sizeBytes : fetchedBytes,
      fields: { id: attachment.id, versions: versions.length, fetched },
    });
    return {
      id: attachment.id,
      containerId: attachment.containerId,
      title: attachment.title,
      mediaType: attachment.mediaType,
      createdAtMs: attachment.createdAtMs,
      labels,
      properties,
      comments,
      versions: recorded,
      lastSeenAtMs: options.nowMs(),
    };
  } catch (error) {
    if (!isOperationalError(error)) throw error;
    tally.add({
      outcome: 'failed',
      subject,
      detail: messageOf(error),
      bytes: 0,
      fields: { id: attachment.id },
    });
    return undefined;
  }
}

/** Downloads one version beside the blobs, hashes it, and moves it under its hash; answers the hash. */
async function fetchBlob(
  client: ConfluenceClient,
  dir: string,
  source: Attachment,
  versionNumber: number,
  sizeBytes: number,
  progress: Progress,
): Promise<string> {
  const incoming = path.join(incomingDir(dir), `${source.id.replace(/[^\w-]/g, '_')}-v${versionNumber}`);
  await client.download(source, incoming, {
    versionNumber,
    expectedSizeBytes: sizeBytes,
    versionedPath: true,
    onBytes: (bytes) => progress.bytes(bytes),
  });
  const sha256 = await sha256OfFile(incoming);
  if (await hasBlob(dir, sha256, sizeBytes)) {
    await rm(incoming, { force: true });
  } else {
    const blob = blobPathOf(dir, sha256);
    await mkdir(path.dirname(blob), { recursive: true });
    await rename(incoming, blob);
  }
  return sha256;
}
