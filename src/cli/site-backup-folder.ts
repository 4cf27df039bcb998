/**
 * The whole-site backup folder (docs/backup-restore-migrate.md, "Whole-site backup"): `site-manifest.json`,
 * the database snapshot it names, and the blobs at `blobs/sha256/<ab>/<hash>` as the per-space backup
 * keeps them (cli/backup/manifest.ts). The manifest is written last, atomically: it is what makes a
 * backup exist, so a backup interrupted at any point leaves the previous one whole.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobRef } from '../ports/blob-store.ts';
import { readJsonIfPresent, writeJsonAtomically } from './backup/json-files.ts';
import { blobPathOf } from './backup/manifest.ts';
import { UsageError } from './toolkit/exit.ts';

export const siteManifestFormat = 'tributary-site-backup';
export const siteManifestFormatVersion = 1;
export const siteManifestName = 'site-manifest.json';

export interface SiteBackupManifest {
  format: typeof siteManifestFormat;
  formatVersion: number;
  createdAtMs: number;
  tributaryVersion: string;
  database: { kind: 'sqlite'; file: string; sizeBytes: number; sha256: string };
  counts: { blobs: number; blobBytes: number; tableRows: Record<string, number> };
  /** Every blob the snapshot records, by hash (their SHA-256 is their checksum). */
  blobs: BlobRef[];
}

/** A failure that is the backup's or the site's, not the caller's: one line, exit code 1. */
export class SiteBackupError extends Error {
  readonly code = 'site_backup';
}

export const siteManifestPathOf = (dir: string) => path.join(dir, siteManifestName);
/** Where pieces are written before they are moved into place; litter after a failed run only. */
export const incomingDirOf = (dir: string) => path.join(dir, '.incoming');
export const temporaryFileIn = (dir: string) => path.join(incomingDirOf(dir), randomUUID());

/** The snapshot's name in the folder: the moment it was taken, as ISO 8601 without `:` and `.`. */
export const databaseFileAt = (createdAtMs: number) =>
  `database-${new Date(createdAtMs).toISOString().replace(/[:.]/g, '-')}.sqlite`;
/** What databaseFileAt writes, and nothing else: a name from a manifest is joined to paths and removed. */
const databaseFileName = /^database-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/;
/** A hash names a file (blobPathOf), so it must be a hash and not a path. */
const sha256Hex = /^[0-9a-f]{64}$/;
const isSize = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export async function readSiteManifest(dir: string): Promise<SiteBackupManifest | undefined> {
  const raw = (await readJsonIfPresent(siteManifestPathOf(dir))) as Partial<SiteBackupManifest> | undefined;
  if (raw === undefined) return undefined;
  if (raw.format !== siteManifestFormat || !Array.isArray(raw.blobs) || !raw.database) {
    throw new UsageError(`${siteManifestPathOf(dir)} is not a Tributary site backup manifest`);
  }
  if (typeof raw.formatVersion !== 'number' || raw.formatVersion > siteManifestFormatVersion) {
    throw new UsageError(
      `${siteManifestPathOf(dir)} has format version ${String(raw.formatVersion)}; this tributary reads up to ${siteManifestFormatVersion}`,
    );
  }
  // The names in it become paths that are read and removed: one that is not what site-backup writes
  // (`../x`, a hash that is a path) refuses the folder before anything is touched.
  const { database } = raw;
  const bad = (what: string) =>
    new UsageError(`${siteManifestPathOf(dir)} is not a valid site backup manifest: ${what}`);
  if (typeof database.file !== 'string' || !databaseFileName.test(database.file))
    throw bad(`database.file ${JSON.stringify(database.file)} is not a database-<time>.sqlite name`);
  if (typeof database.sha256 !== 'string' || !sha256Hex.test(database.sha256) || !isSize(database.sizeBytes))
    throw bad('database.sha256 or database.sizeBytes is not a SHA-256 and a size');
  for (const ref of raw.blobs as unknown[]) {
    const { sha256, sizeBytes } = (ref ?? {}) as Partial<BlobRef>;
    if (typeof sha256 !== 'string' || !sha256Hex.test(sha256) || !isSize(sizeBytes))
      throw bad(`blob ${JSON.stringify(ref)} is not a SHA-256 and a size`);
  }
  return raw as SiteBackupManifest;
}

export const writeSiteManifest = (dir: string, manifest: SiteBackupManifest) =>
  writeJsonAtomically(siteManifestPathOf(dir), manifest);

/**
 * Writes `source` to `file` (absent before) hashing it as it goes, and syncs it; answers the SHA-256 and
 * size of what was written.
 */
export async function writeHashed(
  source: AsyncIterable<Uint8Array>,
  file: string,
  onBytes: (count: number) => void,
): Promise<BlobRef> {
  await mkdir(path.dirname(file), { recursive: true });
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const handle = await open(file, 'wx');
  try {
    for await (const chunk of source) {
      hash.update(chunk);
      await handle.write(chunk);
      sizeBytes += chunk.byteLength;
      onBytes(chunk.byteLength);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** The SHA-256 and size of a file, read once. */
export async function hashFile(file: string, onBytes: (count: number) => void = () => {}): Promise<BlobRef> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.byteLength;
    onBytes(chunk.byteLength);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** How a blob came into the backup. */
export type BlobArrival = 'linked' | 'copied';

/**
 * Puts one blob into the backup folder, verified: a hard link to the store's file where there is one on
 * the same file system (no bytes copied; blobs are never changed in place, only removed), else a copy of
 * its bytes. Either way the bytes are hashed before they take their name, so a damaged blob of the site
 * never enters the backup under a hash it does not have. `undefined` when the store no longer has it.
 */
export async function addBlob(
  dir: string,
  ref: BlobRef,
  sourceFile: string | undefined,
  read: () => Promise<Readable | undefined>,
  onBytes: (count: number) => void,
): Promise<BlobArrival | undefined> {
  const incoming = temporaryFileIn(dir);
  await mkdir(path.dirname(incoming), { recursive: true });
  let arrival: BlobArrival | undefined;
  let written: BlobRef | undefined;
  try {
    if (sourceFile !== undefined) {
      try {
        await link(sourceFile, incoming);
        arrival = 'linked';
        written = await hashFile(incoming, onBytes);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT') return undefined;
        // Another file system (EXDEV) or one without hard links: copy instead.
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
      }
    }
    if (!written) {
      const bytes = await read();
      if (!bytes) return undefined;
      arrival = 'copied';
      written = await writeHashed(bytes as AsyncIterable<Uint8Array>, incoming, onBytes);
    }
    if (written.sha256 !== ref.sha256 || written.sizeBytes !== ref.sizeBytes) {
      throw new SiteBackupError(
        `the site's blob ${ref.sha256} has SHA-256 ${written.sha256} and ${written.sizeBytes} bytes, not ${ref.sizeBytes}: it is damaged (run tributary fsck)`,
      );
    }
    const target = blobPathOf(dir, ref.sha256);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(incoming, target);
    return arrival;
  } finally {
    await rm(incoming, { force: true });
  }
}
