/**
 * `tributary site-backup`: a snapshot of the database first, then every blob that snapshot records.
 *
 * Blobs are named by their hash and never change, so the only way a blob the snapshot records can go
 * missing before it is copied is its removal: a purge (or the hourly sweep) forgets the blob's row in a
 * committed transaction and only then removes the bytes (services/blobs/remove-unused-blob.ts). A blob
 * found missing is therefore either one the site removed after the snapshot, and a newer snapshot no
 * longer records it, or damage. So a round that finds blobs missing takes a new snapshot and goes again
 * (blobs already copied stay); a blob missing in two rounds running is damage and fails the backup.
 * Pinning the blobs instead would need the server to consult pins written by another process, which an
 * embedded site's server does not (its pins live in its memory).
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../client/index.ts';
import { isDomainError } from '../domain/errors.ts';
import type { BlobRef } from '../ports/blob-store.ts';
import { blobPathOf, hasBlob } from './backup/manifest.ts';
import type { SiteBackupSource } from './runtime.ts';
import {
  addBlob,
  databaseFileAt,
  hashFile,
  incomingDirOf,
  readSiteManifest,
  SiteBackupError,
  type SiteBackupManifest,
  siteManifestFormat,
  siteManifestFormatVersion,
  temporaryFileIn,
  writeSiteManifest,
} from './site-backup-folder.ts';
import { runPool } from './toolkit/run-pool.ts';

export interface SiteBackupPhase {
  item(): void;
  bytes(count: number): void;
  stop(): void;
}

export interface TakeSiteBackupOptions {
  dir: string;
  tributaryVersion: string;
  concurrency: number;
  nowMs: () => number;
  /** Rounds of snapshot-and-copy before blobs removed meanwhile are taken for damage. */
  maxRounds?: number;
  phase(label: string, totals: { items: number; bytes: number }): SiteBackupPhase;
}

export interface SiteBackupSummary {
  dir: string;
  databaseFile: string;
  databaseBytes: number;
  /** Snapshots taken: more than one when the site removed recorded blobs during a round. */
  snapshots: number;
  blobs: { total: number; bytes: number; linked: number; copied: number; alreadyThere: number };
  bytesCopied: number;
  /** Blobs of earlier backups in the folder that this snapshot no longer records, removed. */
  blobsDropped: number;
  tableRows: Record<string, number>;
}

export async function takeSiteBackup(
  source: SiteBackupSource,
  options: TakeSiteBackupOptions,
): Promise<SiteBackupSummary> {
  const { dir } = options;
  const previous = await readSiteManifest(dir);
  const counts = { linked: 0, copied: 0, alreadyThere: 0 };
  let bytesCopied = 0;
  let missingBefore = new Set<string>();
  const maxRounds = options.maxRounds ?? 5;
  for (let round = 1; ; round += 1) {
    const snapshotFile = temporaryFileIn(dir);
    await rm(incomingDirOf(dir), { recursive: true, force: true });
    await mkdir(incomingDirOf(dir), { recursive: true });
    await takeSnapshot(source, snapshotFile, options);
    const contents = await source.snapshots.read(snapshotFile);
    const totals = { items: contents.blobs.length, bytes: sum(contents.blobs) };
    const copying = options.phase(round === 1 ? 'Blobs' : `Blobs (snapshot ${round})`, totals);
    const missing: string[] = [];
    const shards = new Set<string>();
    await runPool(contents.blobs, options.concurrency, async (ref) => {
      if (await hasBlob(dir, ref.sha256, ref.sizeBytes)) {
        counts.alreadyThere += 1;
        copying.bytes(ref.sizeBytes);
      } else {
        const arrival = await addBlob(
          dir,
          ref,
          source.blobs.fileOf?.(ref.sha256).absolutePath,
          () => readOf(source, ref),
          (count) => {
            copying.bytes(count);
          },
        );
        if (arrival === undefined) missing.push(ref.sha256);
        else {
          counts[arrival] += 1;
          if (arrival === 'copied') bytesCopied += ref.sizeBytes;
          shards.add(path.dirname(blobPathOf(dir, ref.sha256)));
        }
      }
      copying.item();
    });
    copying.stop();
    for (const shard of shards) await syncDirectory(shard);
    if (missing.length === 0) {
      const manifest = await commit(dir, snapshotFile, contents.tableRows, contents.blobs, options);
      await rm(incomingDirOf(dir), { recursive: true, force: true });
      if (previous && previous.database.file !== manifest.database.file)
        await rm(path.join(dir, previous.database.file), { force: true });
      const blobsDropped = await dropBlobsNotIn(dir, new Set(contents.blobs.map((ref) => ref.sha256)));
      return {
        dir,
        databaseFile: manifest.database.file,
        databaseBytes: manifest.database.sizeBytes,
        snapshots: round,
        blobs: { total: totals.items, bytes: totals.bytes, ...counts },
        bytesCopied,
        blobsDropped,
        tableRows: contents.tableRows,
      };
    }
    const damaged = missing.filter((sha256) => missingBefore.has(sha256));
    if (damaged.length > 0 || round >= maxRounds) {
      await rm(incomingDirOf(dir), { recursive: true, force: true });
      const examples = (damaged.length > 0 ? damaged : missing).slice(0, 5).join(', ');
      throw new SiteBackupError(
        damaged.length > 0
          ? `the site's database records ${damaged.length} blob(s) its blob store does not have (${examples}); run tributary fsck. No backup was written.`
          : `blobs kept disappearing while they were copied (${round} snapshots; ${examples}); try again when the site is quieter. No backup was written.`,
      );
    }
    missingBefore = new Set(missing);
  }
}

async function takeSnapshot(source: SiteBackupSource, file: string, options: TakeSiteBackupOptions) {
  let progress: SiteBackupPhase | undefined;
  let shown = 0;
  await source.snapshots.take(file, (copied, total) => {
    progress ??= options.phase('Database', { items: total, bytes: 0 });
    for (; shown < copied; shown += 1) progress.item();
  });
  progress?.stop();
}

/** The snapshot under its final name, then the manifest that names it: the backup now exists. */
async function commit(
  dir: string,
  snapshotFile: string,
  tableRows: Record<string, number>,
  blobs: BlobRef[],
  options: TakeSiteBackupOptions,
): Promise<SiteBackupManifest> {
  const createdAtMs = options.nowMs();
  const { sha256, sizeBytes } = await hashFile(snapshotFile);
  const file = databaseFileAt(createdAtMs);
  await rename(snapshotFile, path.join(dir, file));
  await syncDirectory(dir);
  const manifest: SiteBackupManifest = {
    format: siteManifestFormat,
    formatVersion: siteManifestFormatVersion,
    createdAtMs,
    tributaryVersion: options.tributaryVersion,
    database: { kind: 'sqlite', file, sizeBytes, sha256 },
    counts: { blobs: blobs.length, blobBytes: sum(blobs), tableRows },
    blobs,
  };
  await writeSiteManifest(dir, manifest);
  return manifest;
}

/**
 * The folder keeps the latest backup: blobs only earlier snapshots recorded go once the new manifest is
 * in place (a generation to keep is a copy of the folder, `cp -al`, which costs no blob bytes).
 */
async function dropBlobsNotIn(dir: string, kept: Set<string>): Promise<number> {
  const root = path.join(dir, 'blobs', 'sha256');
  let dropped = 0;
  const shards = await readdir(root).catch(() => [] as string[]);
  for (const shard of shards) {
    for (const name of await readdir(path.join(root, shard)).catch(() => [] as string[])) {
      if (kept.has(name)) continue;
      await rm(path.join(root, shard, name), { force: true });
      dropped += 1;
    }
  }
  return dropped;
}

async function readOf(source: SiteBackupSource, ref: BlobRef) {
  try {
    return await source.blobs.read(ref.sha256);
  } catch (error) {
    if (isDomainError(error, 'not_found')) return undefined;
    throw error;
  }
}

const sum = (blobs: BlobRef[]) => blobs.reduce((total, ref) => total + ref.sizeBytes, 0);
