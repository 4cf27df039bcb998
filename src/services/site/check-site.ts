import { instantBefore } from '../../domain/audit.ts';
import type { RecordedBlob, RecordedBlobPosition } from '../../ports/site-check-store.ts';
import { retentionOf } from '../audit/audit-filters.ts';
import { removeOrphan, storedBlobStandings } from '../blobs/orphan-blobs.ts';
import { type BlobVerdict, verifyBlob } from '../blobs/verify-blob.ts';
import type { ServiceDeps } from '../deps.ts';
import { inPool } from './migrate-site.ts';

/** What `fsck` can find; docs/fsck.md says what each means and what `--repair` does about it. */
export const siteCheckKinds = [
  'missing-blob',
  'blob-size',
  'blob-hash',
  'orphan-blob',
  'broken-reference',
  'text-index',
  'audit-missing',
] as const;
export type SiteCheckKind = (typeof siteCheckKinds)[number];

export interface SiteCheckFinding {
  kind: SiteCheckKind;
  count: number;
  /** How many of them `repair` fixed (0 without it). */
  repaired: number;
  examples: string[];
}

/** One change made by `repair`. */
export interface SiteCheckRepair {
  kind: SiteCheckKind;
  action: 'removed' | 'quarantined' | 'reindexed';
  subject: string;
  /** Where a quarantined blob went. */
  to?: string;
}

export interface SiteCheckReport {
  /** Nothing found. */
  consistent: boolean;
  /** Everything found was repaired (true when nothing was found). */
  repairedAll: boolean;
  quick: boolean;
  checked: {
    attachmentVersions: number;
    blobsRead: number;
    bytesHashed: number;
    storedBlobs: number;
    /** Unreferenced blobs younger than the grace period: possibly an upload under way, left alone. */
    youngUnreferencedBlobs: number;
    contentItems: number;
    auditSampled: number;
  };
  /** In the order of `siteCheckKinds`; only the kinds found. */
  findings: SiteCheckFinding[];
  repairs: SiteCheckRepair[];
}

/** One phase's progress: the caller draws it or not. */
export interface CheckProgress {
  item(): void;
  bytes(count: number): void;
  stop(): void;
}

export interface CheckSiteOptions {
  /** Sizes only; no bytes read. */
  quick?: boolean;
  repair?: boolean;
  /** Unreferenced blobs younger than this are an upload under way, not orphans. */
  graceMs: number;
  /** How many of the newest versions the audit check looks at. */
  auditSample?: number;
  examples?: number;
  /** Blobs read and hashed at a time. */
  concurrency?: number;
  phase?: (label: string) => CheckProgress;
}

// Reads go in batches so a live server's writers never wait long behind the check.
const batchSize = 500;

/**
 * Checks that the metadata and the bytes agree (docs/fsck.md), and with `repair` fixes what loses nothing:
 * unreferenced blobs past the grace period go, the text index is rebuilt where it differs, bytes that do
 * not match their address are quarantined. Safe beside a running server: batched reads, short writes.
 */
export async function checkSite(deps: ServiceDeps, options: CheckSiteOptions): Promise<SiteCheckReport> {
  const examplesWanted = options.examples ?? 5;
  const phase = options.phase ?? (() => ({ item() {}, bytes() {}, stop() {} }));
  const findings = new Map<SiteCheckKind, SiteCheckFinding>();
  const repairs: SiteCheckRepair[] = [];
  const found = (kind: SiteCheckKind, example: string, count = 1) => {
    const finding = findings.get(kind) ?? { kind, count: 0, repaired: 0, examples: [] };
    finding.count += count;
    if (finding.examples.length < examplesWanted) finding.examples.push(example);
    findings.set(kind, finding);
  };
  const repaired = (repair: SiteCheckRepair) => {
    repairs.push(repair);
    const finding = findings.get(repair.kind);
    if (finding) finding.repaired += 1;
  };
  const checked: SiteCheckReport['checked'] = {
    attachmentVersions: 0,
    blobsRead: 0,
    bytesHashed: 0,
    storedBlobs: 0,
    youngUnreferencedBlobs: 0,
    contentItems: 0,
    auditSampled: 0,
  };

  // 1. Every attachment version's bytes are there, with the recorded size (and SHA-256).
  const versions = phase('Attachment versions');
  const quarantined = new Set<string>();
  for (let after: RecordedBlobPosition | undefined; ; ) {
    const batch = await deps.store.siteCheck.recordedBlobs(after, batchSize);
    const verdicts = new Map<string, Promise<BlobVerdict>>();
    await inPool(toAsync(batch), options.concurrency ?? 4, async (recorded) => {
      let verdict = verdicts.get(recorded.sha256);
      if (!verdict) {
        verdict = verifyBlob(deps.blobs, recorded, {
          quick: options.quick === true,
          onBytes: (count) => versions.bytes(count),
        });
        verdicts.set(recorded.sha256, verdict);
        const outcome = await verdict;
        checked.blobsRead += 1;
        if (!options.quick && (outcome === 'ok' || outcome === 'hash'))
          checked.bytesHashed += recorded.sizeBytes;
      }
      const outcome = await verdict;
      // A purge on the live server since the batch was read removes the row before the bytes.
      if (outcome === 'missing' && !(await stillReferenced(deps, recorded))) return;
      const subject = `attachment ${recorded.contentId} version ${recorded.versionNumber} (${recorded.sha256})`;
      if (outcome === 'missing') found('missing-blob', subject);
      else if (outcome === 'size') found('blob-size', subject);
      else if (outcome === 'hash') {
        found('blob-hash', subject);
        // Bytes that are not what their name says are kept aside rather than served or deleted.
        if (options.repair && !quarantined.has(recorded.sha256)) {
          quarantined.add(recorded.sha256);
          const to = await deps.blobs.quarantine(recorded.sha256);
          repaired({ kind: 'blob-hash', action: 'quarantined', subject: recorded.sha256, to });
        }
      }
      checked.attachmentVersions += 1;
      versions.item();
    });
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) break;
    after = { contentId: last.contentId, versionNumber: last.versionNumber };
  }
  versions.stop();

  // 2. Every stored blob is referenced, pinned by an upload, or young enough to be one under way.
  const stored = phase('Stored blobs');
  const nowMs = deps.clock.nowMs();
  for await (const { blob, unreferenced } of storedBlobStandings(deps, nowMs, batchSize)) {
    checked.storedBlobs += 1;
    stored.item();
    if (!unreferenced) continue;
    if (nowMs - blob.modifiedAtMs < options.graceMs) {
      checked.youngUnreferencedBlobs += 1;
      continue;
    }
    found('orphan-blob', `${blob.sha256} (${blob.sizeBytes} bytes)`);
    if (options.repair && (await removeOrphan(deps, blob.sha256, options.graceMs)))
      repaired({ kind: 'orphan-blob', action: 'removed', subject: blob.sha256 });
  }
  stored.stop();

  // 3. Rows point at what exists, where no foreign key makes sure of it.
  for (const broken of await deps.store.siteCheck.brokenReferences(examplesWanted)) {
    for (const [index, example] of broken.examples.entries())
      found('broken-reference', `${broken.reference}: ${example}`, index === 0 ? broken.count : 0);
  }

  // 4. The text index holds what each item's current version and labels say, and nothing else.
  const indexing = phase('Text index');
  const reindex = async (contentId: number) => {
    if (!options.repair) return;
    await deps.store.transaction((repositories) => repositories.siteCheck.reindex(contentId));
    repaired({ kind: 'text-index', action: 'reindexed', subject: `content ${contentId}` });
  };
  for (let afterId = 0; ; ) {
    const ids = await deps.store.siteCheck.indexedContentIds(afterId, batchSize);
    for (const id of await deps.store.siteCheck.textIndexMismatches(ids)) {
      found('text-index', `content ${id}: row missing or out of date`);
      await reindex(id);
    }
    checked.contentItems += ids.length;
    for (const _ of ids) indexing.item();
    const last = ids.at(-1);
    if (last === undefined || ids.length < batchSize) break;
    afterId = last;
  }
  for (let afterId = 0; ; ) {
    const strays = await deps.store.siteCheck.textIndexStrays(afterId, batchSize);
    for (const id of strays) {
      found('text-index', `content ${id}: row for content that is gone`);
      await reindex(id);
    }
    const last = strays.at(-1);
    if (last === undefined || strays.length < batchSize) break;
    afterId = last;
  }
  indexing.stop();

  // 5. The newest versions within the audit log's retention each have their record.
  const sinceMs = instantBefore(nowMs, await retentionOf(deps)) ?? 0;
  const audit = await deps.store.siteCheck.unauditedVersions(options.auditSample ?? 1000, sinceMs);
  checked.auditSampled = audit.sampled;
  for (const version of audit.missing)
    found(
      'audit-missing',
      `content ${version.contentId} version ${version.versionNumber} at ${new Date(version.createdAtMs).toISOString()}`,
    );

  const ordered = siteCheckKinds.flatMap((kind) => findings.get(kind) ?? []);
  return {
    consistent: ordered.length === 0,
    repairedAll: ordered.every((finding) => finding.repaired >= finding.count),
    quick: options.quick === true,
    checked,
    findings: ordered,
    repairs,
  };
}

async function stillReferenced(deps: ServiceDeps, recorded: RecordedBlob): Promise<boolean> {
  return (await deps.store.siteCheck.referencedBlobs([recorded.sha256])).length > 0;
}

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
