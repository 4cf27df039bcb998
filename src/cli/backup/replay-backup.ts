/**
 * Rebuilds a backup on a target server of any flavour: the pages first (replay-pages.ts), then each
 * attachment's versions in order with their comments, then its labels, properties and comments, then a
 * check that every version's SHA-256 on the target is the one backed up. Progress goes to a state file
 * after every step, so a second run picks up where the first stopped and creates nothing twice.
 */
import {
  type Attachment,
  addAttachmentComment,
  addLabels,
  type ConfluenceClient,
  listAttachmentComments,
  setProperty,
} from '../../client/index.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import { type BackupAttachment, blobPathOf, hasBlob, type Manifest } from './manifest.ts';
import { replayPages } from './replay-pages.ts';
import type { AttachmentProgress, RestoreStateFile, RestoreTarget } from './restore-state.ts';

export interface ReplayOptions {
  client: ConfluenceClient;
  manifest: Manifest;
  /** The backup folder holding the blobs. */
  dir: string;
  target: RestoreTarget;
  state: RestoreStateFile;
  dryRun: boolean;
  /** Compare each version's SHA-256 on the target with the backup's. */
  verify: boolean;
  concurrency: number;
  tally: Tally;
  progressOf: (label: string) => Progress;
}

export async function replayBackup(options: ReplayOptions): Promise<void> {
  if (options.target.kind === 'space') await replayPages(options, options.target);
  const entries = options.manifest.attachments.filter((entry) => entry.versions.length > 0);
  const progress = options.progressOf(options.dryRun ? 'Checking' : 'Uploading');
  progress.start({
    items: entries.length,
    bytes: entries.reduce(
      (sum, entry) => sum + entry.versions.reduce((total, version) => total + version.sizeBytes, 0),
      0,
    ),
  });
  const claims = new Claims(options.state.state.attachments);
  const existing = new TargetListing(options.client);
  try {
    await runPool(entries, options.concurrency, async (entry) => {
      await replayAttachment(options, entry, claims, existing, progress);
      progress.item();
    });
  } finally {
    progress.stop();
  }
}

/** Names on each target page that restored attachments have taken, so two never take the same one. */
class Claims {
  private readonly owners = new Map<string, string>();

  constructor(attachments: Record<string, AttachmentProgress>) {
    for (const [sourceId, done] of Object.entries(attachments)) {
      this.owners.set(Claims.key(done.targetContainerId, done.title), sourceId);
    }
  }

  // Exact names: the source held them as distinct (`Readme.md` beside `README.md`), so the target may too;
  // a server that thinks them one refuses the second upload itself, which is reported.
  private static key(containerId: string, title: string) {
    return `${containerId}\n${title.normalize('NFC')}`;
  }

  /** Whether the name is free for this attachment (or already its own); takes it if so. */
  take(containerId: string, title: string, sourceId: string): boolean {
    const key = Claims.key(containerId, title);
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== sourceId) return false;
    this.owners.set(key, sourceId);
    return true;
  }
}

/** The attachments already on each target page, listed once per page when first needed. */
class TargetListing {
  private readonly pages = new Map<string, Promise<Map<string, Attachment>>>();

  constructor(private readonly client: ConfluenceClient) {}

  async find(containerId: string, title: string): Promise<Attachment | undefined> {
    let listing = this.pages.get(containerId);
    if (!listing) {
      listing = (async () => {
        const byTitle = new Map<string, Attachment>();
        for await (const attachment of this.client.listAttachments({
          kind: 'page',
          pageId: containerId,
          tree: false,
        })) {
          byTitle.set(attachment.title.normalize('NFC'), attachment);
        }
        return byTitle;
      })();
      this.pages.set(containerId, listing);
    }
    return (await listing).get(title.normalize('NFC'));
  }
}

async function replayAttachment(
  options: ReplayOptions,
  entry: BackupAttachment,
  claims: Claims,
  existing: TargetListing,
  progress: Progress,
): Promise<void> {
  const { state, tally } = options;
  const subject = `${entry.containerId}/${entry.title}`;
  const fail = (detail: string) =>
    tally.add({ outcome: 'failed', subject, detail, bytes: 0, fields: { sourceId: entry.id } });
  const containerId =
    options.target.kind === 'page' ? options.target.pageId : state.state.pages[entry.containerId];
  if (containerId === undefined && !options.dryRun) return fail('its page was not restored');
  const target = containerId ?? `(new page for ${entry.containerId})`;
  try {
    let done = state.state.attachments[entry.id];
    if (!done) {
      if (!claims.take(target, entry.title, entry.id)) {
        return fail(`another restored attachment already has this name on page ${target}`);
      }
      if (containerId !== undefined && (await existing.find(containerId, entry.title))) {
        return fail(`page ${containerId} already has an attachment of this name; it is left alone`);
      }
      done = {
        title: entry.title,
        targetContainerId: target,
        versionsDone: 0,
        labelsDone: false,
        propertiesDone: false,
        commentsDone: 0,
        verified: false,
      };
      if (options.dryRun) {
        const bytes = entry.versions.reduce((sum, version) => sum + version.sizeBytes, 0);
        tally.add({
          outcome: 'done',
          subject,
          detail: `would upload ${entry.versions.length} versions to page ${target}`,
          bytes,
          fields: { sourceId: entry.id },
        });
        return;
      }
      // Recorded before the first upload: a crash after it is found on the target on resume.
      state.state.attachments[entry.id] = done;
      await state.save();
    } else if (state.resumed && done.versionsDone < entry.versions.length) {
      await catchUp(options, done, existing);
    }
    await replayVersions(options, entry, done, progress, subject);
  } catch (error) {
    if (!isOperationalError(error)) throw error;
    fail(messageOf(error));
  }
}

/** Posts the comments the target lacks; after an interruption, those on the target are counted first. */
async function replayComments(
  options: ReplayOptions,
  entry: BackupAttachment,
  done: AttachmentProgress,
  targetId: string,
) {
  const { client, state } = options;
  if (done.commentsDone >= entry.comments.length) return;
  if (state.resumed) {
    const onTarget = (await listAttachmentComments(client, targetId)).length;
    done.commentsDone = Math.max(done.commentsDone, onTarget);
  }
  for (const comment of entry.comments.slice(done.commentsDone)) {
    await addAttachmentComment(client, targetId, comment);
    done.commentsDone += 1;
    await state.save();
  }
}

/**
 * Counts what an interrupted run uploaded after it last saved its state. The target's version numbers
 * count the backup's versions from 1, since this restore created the attachment.
 */
async function catchUp(options: ReplayOptions, done: AttachmentProgress, existing: TargetListing) {
  if (done.targetId === undefined) {
    const found = await existing.find(done.targetContainerId, done.title);
    if (found) {
      done.targetId = found.id;
      done.versionsDone = found.versionNumber;
    }
    return;
  }
  const current = await options.client.getAttachment(done.targetId);
  done.versionsDone = Math.max(done.versionsDone, current.versionNumber);
}

async function replayVersions(
  options: ReplayOptions,
  entry: BackupAttachment,
  done: AttachmentProgress,
  progress: Progress,
  subject: string,
) {
  const { client, state, tally, dir } = options;
  const pending = entry.versions.slice(done.versionsDone);
  if (options.dryRun) {
    const work = [
      pending.length > 0 && `would upload ${pending.length} more versions`,
      !done.labelsDone && 'would set labels',
      !done.propertiesDone && 'would set properties',
      done.commentsDone < entry.comments.length && 'would add comments',
    ].filter(Boolean);
    tally.add({
      outcome: work.length > 0 ? 'done' : 'skipped',
      subject,
      detail: work.length > 0 ? work.join(', ') : 'already restored',
      bytes: pending.reduce((sum, version) => sum + version.sizeBytes, 0),
      fields: { sourceId: entry.id },
    });
    return;
  }
  let uploadedBytes = 0;
  for (const version of pending) {
    if (!(await hasBlob(dir, version.sha256, version.sizeBytes))) {
      throw new MissingBlobError(version.number, version.sha256);
    }
    const uploaded = await client.upload({
      containerId: done.targetContainerId,
      filePath: blobPathOf(dir, version.sha256),
      sizeBytes: version.sizeBytes,
      name: done.title,
      mediaType: version.mediaType,
      comment: version.comment,
      minorEdit: version.minorEdit,
      ...(done.targetId !== undefined && { newVersionOf: done.targetId }),
      onBytes: (bytes) => progress.bytes(bytes),
    });
    done.targetId = uploaded.id;
    done.versionsDone += 1;
    uploadedBytes += version.sizeBytes;
    await state.save();
  }
  const targetId = done.targetId;
  if (targetId === undefined) throw new MissingBlobError(0, 'no versions');
  if (!done.labelsDone) {
    await addLabels(client, targetId, entry.labels);
    done.labelsDone = true;
    await state.save();
  }
  if (!done.propertiesDone) {
    for (const property of entry.properties) await setProperty(client, targetId, property);
    done.propertiesDone = true;
    await state.save();
  }
  await replayComments(options, entry, done, targetId);
  const mismatches = options.verify && !done.verified ? await mismatchesOf(options, entry, done) : [];
  if (mismatches.length > 0) {
    tally.add({
      outcome: 'failed',
      subject,
      detail: `SHA-256 on the target differs from the backup for version ${mismatches.join(', ')}`,
      bytes: uploadedBytes,
      fields: { sourceId: entry.id, targetId, mismatchedVersions: mismatches },
    });
    return;
  }
  if (options.verify && !done.verified) {
    done.verified = true;
    await state.save();
  }
  tally.add({
    outcome: pending.length > 0 ? 'done' : 'skipped',
    subject,
    detail:
      pending.length > 0
        ? `uploaded ${pending.length} of ${entry.versions.length} versions as ${targetId}`
        : 'already restored',
    bytes: uploadedBytes,
    fields: { sourceId: entry.id, targetId, targetContainerId: done.targetContainerId },
  });
}

/** The backup's version numbers whose bytes on the target hash differently (target versions count from 1). */
async function mismatchesOf(
  options: ReplayOptions,
  entry: BackupAttachment,
  done: AttachmentProgress,
): Promise<number[]> {
  const targetId = done.targetId ?? '';
  const source = {
    id: targetId,
    containerId: done.targetContainerId,
    title: done.title,
    versionNumber: entry.versions.length,
    sizeBytes: entry.versions.at(-1)?.sizeBytes ?? 0,
  };
  const mismatches: number[] = [];
  for (const [index, version] of entry.versions.entries()) {
    const actual = await options.client.sha256Of(source, index + 1);
    if (actual !== version.sha256) mismatches.push(version.number);
  }
  return mismatches;
}

export class MissingBlobError extends Error {
  readonly code = 'ENOBLOB';

  constructor(versionNumber: number, sha256: string) {
    super(`the backup lacks the bytes of version ${versionNumber} (${sha256})`);
    this.name = 'MissingBlobError';
  }
}
