/**
 * `tributary site-restore`: a whole-site backup into an empty site. Every blob is hashed as it goes into
 * the blob store, the database snapshot is hashed as it is copied, and the snapshot's own blob rows must
 * be the manifest's list; any difference stops the restore and removes what it wrote, so the site is
 * either whole or as empty as it was. The database comes last: until it is there, no server starts on a
 * half-filled site as if it were a site.
 */
import { createReadStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../client/index.ts';
import type { Config } from '../config/config.ts';
import type { BlobRef } from '../ports/blob-store.ts';
import { blobPathOf } from './backup/manifest.ts';
import type { SiteBackupRuntime } from './runtime.ts';
import {
  readSiteManifest,
  SiteBackupError,
  type SiteBackupManifest,
  siteManifestPathOf,
  writeHashed,
} from './site-backup-folder.ts';
import type { SiteBackupPhase } from './take-site-backup.ts';
import { UsageError } from './toolkit/exit.ts';
import { runPool } from './toolkit/run-pool.ts';

export interface RestoreSiteOptions {
  dir: string;
  concurrency: number;
  phase(label: string, totals: { items: number; bytes: number }): SiteBackupPhase;
}

export interface RestoreSiteSummary {
  databaseFile: string;
  blobs: number;
  blobBytes: number;
  tableRows: Record<string, number>;
}

/** What the target site has before the restore: the restore refuses anything but nothing. */
async function refuseUnlessEmpty(config: Config): Promise<void> {
  if (config.database.kind !== 'sqlite')
    throw new UsageError(
      'site-restore restores an embedded site (sqlite:); restore a PostgreSQL database with pg_restore (docs/backup-restore-migrate.md)',
    );
  const places = [
    { what: 'data directory', at: config.dataDir },
    { what: 'database file', at: config.database.path },
    ...(config.blobStore.kind === 'file' ? [{ what: 'blob folder', at: config.blobStore.path }] : []),
  ];
  for (const { what, at } of places) {
    const entries = await contentsOf(at);
    if (entries !== undefined && entries.length > 0)
      throw new UsageError(`the ${what} ${at} is not empty; site-restore restores only into an empty site`);
  }
}

/** The names in a folder, [] for an empty file's stand-in; undefined when nothing is there. */
async function contentsOf(at: string): Promise<string[] | undefined> {
  try {
    const info = await stat(at);
    return info.isDirectory() ? await readdir(at) : ['(a file)'];
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The SQLite file and the journals SQLite may put beside it. */
const sqliteFilesOf = (file: string) => [file, `${file}-journal`, `${file}-wal`, `${file}-shm`];

/**
 * What the restore may remove from a folder it writes in, should it fail. A folder that was missing (and
 * the missing parents a recursive mkdir creates with it) holds only what the restore put there: it goes.
 * So do the contents of one that refuseUnlessEmpty found empty. Any other folder (the database's, which
 * may be anyone's: sqlite:/home/me/x.db) gives up only the files the restore wrote, by name.
 */
async function folderBefore(
  place: string,
  checkedEmpty: boolean,
): Promise<{ at: string; remove: 'folder' | 'contents' | 'nothing' }> {
  if ((await contentsOf(place)) !== undefined)
    return { at: place, remove: checkedEmpty ? 'contents' : 'nothing' };
  let missing = place;
  while (path.dirname(missing) !== missing && (await contentsOf(path.dirname(missing))) === undefined)
    missing = path.dirname(missing);
  return { at: missing, remove: 'folder' };
}

export async function restoreSiteBackup(
  runtime: SiteBackupRuntime,
  config: Config,
  options: RestoreSiteOptions,
): Promise<RestoreSiteSummary> {
  const manifest = await readSiteManifest(options.dir);
  if (!manifest)
    throw new UsageError(`${siteManifestPathOf(options.dir)} not found: not a site backup folder`);
  await refuseUnlessEmpty(config);
  if (config.database.kind !== 'sqlite') throw new UsageError('unreachable');
  const databaseFile = config.database.path;
  const foldersBefore = await Promise.all([
    folderBefore(config.dataDir, true),
    folderBefore(path.dirname(databaseFile), false),
    ...(config.blobStore.kind === 'file' ? [folderBefore(config.blobStore.path, true)] : []),
  ]);
  const target = await runtime.openTarget(config);
  const placed: string[] = [];
  const incomingDatabase = `${databaseFile}.restoring`;
  try {
    await restoreBlobs(target, manifest, options, placed);
    await restoreDatabase(target, manifest, options, incomingDatabase);
    await rename(incomingDatabase, databaseFile);
    await syncDirectory(path.dirname(databaseFile));
    // The command then runs fsck's checks on the restored site (site-backup-commands.ts).
    return {
      databaseFile,
      blobs: manifest.blobs.length,
      blobBytes: manifest.counts.blobBytes,
      tableRows: manifest.counts.tableRows,
    };
  } catch (error) {
    // Only what the restore wrote goes: the database folder may be anyone's (sqlite:/home/me/x.db), so
    // nothing in it is removed by listing it.
    for (const file of sqliteFilesOf(incomingDatabase)) await rm(file, { force: true });
    for (const sha256 of placed) await target.blobs.remove(sha256).catch(() => {});
    for (const { at, remove } of foldersBefore.reverse()) {
      if (remove === 'folder') await rm(at, { recursive: true, force: true });
      else if (remove === 'contents')
        for (const name of (await contentsOf(at)) ?? [])
          await rm(path.join(at, name), { recursive: true, force: true });
    }
    throw error;
  } finally {
    target.close();
  }
}

async function restoreBlobs(
  target: Awaited<ReturnType<SiteBackupRuntime['openTarget']>>,
  manifest: SiteBackupManifest,
  options: RestoreSiteOptions,
  placed: string[],
): Promise<void> {
  const progress = options.phase('Blobs', { items: manifest.blobs.length, bytes: manifest.counts.blobBytes });
  // The first failure stops the blobs not yet started and is thrown once every started one is done, so
  // the clean-up after it knows every blob placed (a put still running would land after it).
  let failure: { error: unknown } | undefined;
  try {
    await runPool(manifest.blobs, options.concurrency, async (ref: BlobRef) => {
      if (failure) return;
      await restoreBlob(ref).catch((error: unknown) => {
        failure ??= { error };
      });
    });
  } finally {
    progress.stop();
  }
  if (failure) throw failure.error;

  async function restoreBlob(ref: BlobRef): Promise<void> {
    const file = blobPathOf(options.dir, ref.sha256);
    const already = await target.blobs.sizeOf(ref.sha256);
    if (already === ref.sizeBytes) {
      progress.item();
      return;
    }
    let source: AsyncIterable<Uint8Array>;
    try {
      await stat(file);
      source = createReadStream(file);
    } catch {
      throw new SiteBackupError(`the backup lacks blob ${ref.sha256}; nothing was restored`);
    }
    const counted = async function* () {
      for await (const chunk of source) {
        progress.bytes(chunk.byteLength);
        yield chunk;
      }
    };
    const stored = await target.blobs.put(counted());
    placed.push(stored.sha256);
    if (stored.sha256 !== ref.sha256 || stored.sizeBytes !== ref.sizeBytes)
      throw new SiteBackupError(
        `checksum mismatch: the backup's blob ${ref.sha256} has SHA-256 ${stored.sha256} (${stored.sizeBytes} bytes, ${ref.sizeBytes} expected); the backup is damaged and nothing was restored`,
      );
    progress.item();
  }
}

async function restoreDatabase(
  target: Awaited<ReturnType<SiteBackupRuntime['openTarget']>>,
  manifest: SiteBackupManifest,
  options: RestoreSiteOptions,
  incoming: string,
): Promise<void> {
  const { database } = manifest;
  const progress = options.phase('Database', { items: 1, bytes: database.sizeBytes });
  let written: BlobRef;
  try {
    written = await writeHashed(createReadStream(path.join(options.dir, database.file)), incoming, (count) =>
      progress.bytes(count),
    ).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new SiteBackupError(`the backup lacks its database ${database.file}; nothing was restored`);
      throw error;
    });
    progress.item();
  } finally {
    progress.stop();
  }
  if (written.sha256 !== database.sha256 || written.sizeBytes !== database.sizeBytes)
    throw new SiteBackupError(
      `checksum mismatch: the backup's database ${database.file} has SHA-256 ${written.sha256}, not ${database.sha256}; the backup is damaged and nothing was restored`,
    );
  const recorded = (await target.snapshots.read(incoming)).blobs;
  const listed = new Set(manifest.blobs.map((ref) => `${ref.sha256}/${ref.sizeBytes}`));
  const unlisted = recorded.filter((ref) => !listed.has(`${ref.sha256}/${ref.sizeBytes}`));
  if (unlisted.length > 0 || recorded.length !== manifest.blobs.length)
    throw new SiteBackupError(
      `the backup's database records blobs its manifest does not list (${unlisted.length}); the backup is damaged and nothing was restored`,
    );
}
