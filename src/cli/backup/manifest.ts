/**
 * The backup format (docs/backup-restore-migrate.md). A backup folder holds `manifest.json` and `blobs/`. The
 * manifest describes the pages (tree and bodies), and for each attachment its facts, labels, properties
 * and every version with that version's SHA-256; the bytes of a version live once per hash at
 * `blobs/sha256/<first two hex digits>/<hash>`, so identical versions share one file.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentComment, ContentProperty, Label, PageType } from '../../client/index.ts';
import { UsageError } from '../toolkit/exit.ts';
import { readJsonIfPresent, writeJsonAtomically } from './json-files.ts';

export const manifestFormat = 'tributary-backup';
/** Raised when the format changes in a way an older reader would misread. */
export const manifestFormatVersion = 1;
export const manifestName = 'manifest.json';

export interface BackupPage {
  id: string;
  type: PageType;
  title: string;
  spaceKey: string | undefined;
  /** From the space's root down to the direct parent, as in the source. */
  ancestorIds: string[];
  bodyStorage: string;
}

export interface BackupVersion {
  number: number;
  /** The attachment's name at that version. */
  title: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  comment: string;
  minorEdit: boolean;
  createdAtMs: number;
}

export interface BackupAttachment {
  id: string;
  containerId: string;
  title: string;
  mediaType: string;
  createdAtMs: number;
  labels: Label[];
  properties: ContentProperty[];
  /** The discussion under the attachment, oldest first (each version's own comment is in `versions`). */
  comments: AttachmentComment[];
  /** Oldest first. */
  versions: BackupVersion[];
  /** When a backup run last found it on the server; an attachment deleted since keeps its old entry. */
  lastSeenAtMs: number;
}

export interface Manifest {
  format: typeof manifestFormat;
  formatVersion: number;
  createdAtMs: number;
  updatedAtMs: number;
  source: { url: string; flavour: string; selector: unknown };
  pages: BackupPage[];
  attachments: BackupAttachment[];
}

export const manifestPathOf = (dir: string) => path.join(dir, manifestName);

/** Where the bytes with this SHA-256 are kept. */
export const blobPathOf = (dir: string, sha256: string) =>
  path.join(dir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);

export function emptyManifest(source: Manifest['source'], nowMs: number): Manifest {
  return {
    format: manifestFormat,
    formatVersion: manifestFormatVersion,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    source,
    pages: [],
    attachments: [],
  };
}

/** The manifest of a backup folder, or undefined for a folder with none yet. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const raw = await readJsonIfPresent(manifestPathOf(dir));
  if (raw === undefined) return undefined;
  const manifest = raw as Partial<Manifest>;
  if (manifest.format !== manifestFormat || !Array.isArray(manifest.attachments)) {
    throw new UsageError(`${manifestPathOf(dir)} is not a Tributary backup manifest`);
  }
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > manifestFormatVersion) {
    throw new UsageError(
      `${manifestPathOf(dir)} has format version ${String(manifest.formatVersion)}; this tributary reads up to ${manifestFormatVersion}`,
    );
  }
  // Version 1 backups taken before comments were recorded have none.
  for (const entry of manifest.attachments) entry.comments ??= [];
  return manifest as Manifest;
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeJsonAtomically(manifestPathOf(dir), manifest);
}

/** Whether the backup already holds these bytes whole. */
export async function hasBlob(dir: string, sha256: string, sizeBytes: number): Promise<boolean> {
  try {
    return (await stat(blobPathOf(dir, sha256))).size === sizeBytes;
  } catch {
    return false;
  }
}
