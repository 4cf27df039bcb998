import type { StoredBlob } from '../../ports/blob-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { removeUnusedBlob } from './remove-unused-blob.ts';

/**
 * How old unreferenced bytes must be before they count as left behind. An upload stores its bytes before it
 * commits the version that names them, and a process killed in between leaves them unreferenced; an upload
 * still under way looks the same, so only bytes older than any upload may last are taken for orphans.
 */
export const orphanGraceMs = 60 * 60 * 1000;

/** A stored blob, and whether nothing references or pins it. */
export interface StoredBlobStanding {
  blob: StoredBlob;
  unreferenced: boolean;
}

/** Every stored blob, in batches of `batchSize`, each with whether a version references it or an upload pins it. */
export async function* storedBlobStandings(
  deps: ServiceDeps,
  nowMs: number,
  batchSize = 500,
): AsyncIterable<StoredBlobStanding> {
  let pending: StoredBlob[] = [];
  const settle = async function* () {
    const hashes = pending.map((blob) => blob.sha256);
    const kept = new Set([
      ...(await deps.store.siteCheck.referencedBlobs(hashes)),
      ...(await deps.store.siteCheck.pinnedBlobs(hashes, nowMs)),
    ]);
    for (const blob of pending) yield { blob, unreferenced: !kept.has(blob.sha256) };
    pending = [];
  };
  for await (const blob of deps.blobs.list()) {
    pending.push(blob);
    if (pending.length >= batchSize) yield* settle();
  }
  yield* settle();
}

/**
 * Removes an orphan unless it has become part of an upload since it was listed. The removal checks
 * references and pins again in a transaction, so a version committed since keeps its bytes, and an upload
 * not yet committed is kept by its pin where the store holds pins (PostgreSQL). On SQLite that pin is in the
 * server's memory; what this process sees is that a put of the same bytes dates them afresh, so the blob's
 * date is read again just before the removal: the window left is that read to the removal, not the batch.
 */
export async function removeOrphan(deps: ServiceDeps, sha256: string, graceMs: number): Promise<boolean> {
  const now = await deps.blobs.describe(sha256);
  if (now === undefined || deps.clock.nowMs() - now.modifiedAtMs < graceMs) return false;
  return removeUnusedBlob(deps, sha256);
}

/**
 * Removes the bytes that killed uploads left behind, once past the grace period (the site duties' sweep),
 * so that a site that crashed needs no `fsck --repair` to get its disk back. Answers how many it removed.
 */
export async function removeOrphanBlobs(deps: ServiceDeps, graceMs = orphanGraceMs): Promise<number> {
  const nowMs = deps.clock.nowMs();
  let removed = 0;
  for await (const { blob, unreferenced } of storedBlobStandings(deps, nowMs)) {
    if (!unreferenced || nowMs - blob.modifiedAtMs < graceMs) continue;
    if (await removeOrphan(deps, blob.sha256, graceMs)) removed += 1;
  }
  return removed;
}
