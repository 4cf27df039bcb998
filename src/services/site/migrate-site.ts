import { badRequest, isDomainError } from '../../domain/errors.ts';
import type { BlobRef, BlobStore } from '../../ports/blob-store.ts';
import type { SiteCopier, TableCount } from '../../ports/site-copier.ts';
import { type BlobVerdict, verifyBlob } from '../blobs/verify-blob.ts';

export interface MigrateSiteDeps {
  copier: SiteCopier;
  sourceBlobs: BlobStore;
  targetBlobs: BlobStore;
}

/** One phase's progress (`Tables`, `Blobs`…): the caller draws it or not. */
export interface PhaseProgress {
  item(): void;
  bytes(count: number): void;
  stop(): void;
}

export interface MigrateSiteOptions {
  /** Copy into a target that holds another site's data, deleting its rows first. */
  intoNonEmpty: boolean;
  /** Blobs copied and hashed at the same time. */
  concurrency: number;
  phase(label: string, totals: { items: number; bytes: number }): PhaseProgress;
}

export interface BlobProblem {
  sha256: string;
  problem: 'missing in the source' | 'missing in the target' | 'different size' | 'different bytes';
}

export interface MigrateSiteSummary {
  /** `copied`: this run copied; `resumed`: it continued an interrupted copy; `verified`: it was complete. */
  outcome: 'copied' | 'resumed' | 'verified';
  rowsCopied: number;
  tables: TableCount[];
  blobs: { total: number; copied: number; present: number; bytesCopied: number; bytesVerified: number };
  blobProblems: BlobProblem[];
  verified: boolean;
}

/**
 * Moves a site into another database and blob store: every table with its ids, the full-text index
 * rebuilt from the content, every blob streamed across; then checks the row count of every table and
 * re-reads every blob from the target to compare its SHA-256. Runs again from where it stopped; once
 * verified, a further run only verifies.
 */
export async function migrateSite(
  deps: MigrateSiteDeps,
  options: MigrateSiteOptions,
): Promise<MigrateSiteSummary> {
  const { copier } = deps;
  const target = await copier.target();
  if (target.kind === 'other' && !options.intoNonEmpty)
    throw badRequest(
      `The target already holds data (${target.description}); give --into-non-empty to replace it with this site`,
    );
  const startAfresh = target.kind !== 'same-source';
  if (startAfresh) await copier.begin();
  const complete = target.kind === 'same-source' && target.complete;

  let rowsCopied = 0;
  const blobs = { total: 0, copied: 0, present: 0, bytesCopied: 0, bytesVerified: 0 };
  const blobProblems: BlobProblem[] = [];
  const blobTotals = await copier.blobTotals();
  blobs.total = blobTotals.items;

  if (!complete) {
    const tables = await copier.tables();
    const rows = options.phase('Tables', {
      items: tables.reduce((sum, table) => sum + table.rows, 0),
      bytes: 0,
    });
    for (const { table } of tables) {
      rowsCopied += await copier.copyTable(table, (count) => {
        for (let row = 0; row < count; row += 1) rows.item();
      });
    }
    await copier.finishTables();
    rows.stop();
    const contentRows = tables.find((table) => table.table === 'content')?.rows ?? 0;
    const index = options.phase('Text index', { items: contentRows, bytes: 0 });
    await copier.rebuildTextIndex(() => index.item());
    index.stop();

    const copying = options.phase('Blobs', blobTotals);
    await inPool(copier.blobs(), options.concurrency, async (ref) => {
      const outcome = await copyBlob(deps, ref, copying);
      if (outcome === 'missing') blobProblems.push({ sha256: ref.sha256, problem: 'missing in the source' });
      else if (outcome === 'present') blobs.present += 1;
      else {
        blobs.copied += 1;
        blobs.bytesCopied += ref.sizeBytes;
      }
      copying.item();
    });
    copying.stop();
  }

  const tables = await copier.countRows();
  const checking = options.phase('Verifying', blobTotals);
  const missingInSource = new Set(blobProblems.map((problem) => problem.sha256));
  await inPool(copier.blobs(), options.concurrency, async (ref) => {
    const problem = missingInSource.has(ref.sha256)
      ? undefined
      : problemOf(await verifyBlob(deps.targetBlobs, ref, { onBytes: (count) => checking.bytes(count) }));
    if (problem) blobProblems.push({ sha256: ref.sha256, problem });
    else blobs.bytesVerified += ref.sizeBytes;
    checking.item();
  });
  checking.stop();
  blobProblems.sort((a, b) => a.sha256.localeCompare(b.sha256));
  const verified =
    blobProblems.length === 0 && tables.every((table) => table.sourceRows === table.targetRows);
  if (verified && !complete) await copier.markComplete();
  return {
    outcome: complete ? 'verified' : startAfresh ? 'copied' : 'resumed',
    rowsCopied,
    tables,
    blobs,
    blobProblems,
    verified,
  };
}

/** A blob already in the target with its size is kept: blobs are named by their hash, so it is the same. */
async function copyBlob(
  deps: MigrateSiteDeps,
  ref: BlobRef,
  progress: PhaseProgress,
): Promise<'copied' | 'present' | 'missing'> {
  const present = await deps.targetBlobs.sizeOf(ref.sha256);
  if (present === ref.sizeBytes) {
    progress.bytes(ref.sizeBytes);
    return 'present';
  }
  // A same-named blob of another size is damaged, and a put of identical bytes would keep it.
  if (present !== undefined) await deps.targetBlobs.remove(ref.sha256);
  const bytes = await deps.sourceBlobs.read(ref.sha256).catch((error: unknown) => {
    if (isDomainError(error, 'not_found')) return undefined;
    throw error;
  });
  if (!bytes) {
    progress.bytes(ref.sizeBytes);
    return 'missing';
  }
  const counted = async function* () {
    for await (const chunk of bytes as AsyncIterable<Uint8Array>) {
      progress.bytes(chunk.byteLength);
      yield chunk;
    }
  };
  const stored = await deps.targetBlobs.put(counted());
  if (stored.sha256 !== ref.sha256) {
    // The source's bytes are not what its metadata says; the verification reports the hash as missing.
    await deps.targetBlobs.remove(stored.sha256);
  }
  return 'copied';
}

/** Runs `work` over `items` as they come, at most `concurrency` at a time. */
/** A verdict in the words of the migration's report. */
function problemOf(verdict: BlobVerdict): BlobProblem['problem'] | undefined {
  if (verdict === 'missing') return 'missing in the target';
  if (verdict === 'size') return 'different size';
  return verdict === 'hash' ? 'different bytes' : undefined;
}

export async function inPool<T>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  const iterator = items[Symbol.asyncIterator]();
  const worker = async () => {
    // An async generator queues calls to next(), so the workers never take the same item.
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
