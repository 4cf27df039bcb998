/**
 * Downloads an attachment version to a file so that a file under its final name is always complete:
 * the bytes go to `name.part`, the size is checked against the attachment's, the file is fsynced and only
 * then renamed. A cut connection leaves at most the `.part`, which the next attempt resumes with `Range`
 * where it is known to hold the same version's bytes (see `versionedPath`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import {
  ConfluenceNetworkError,
  DownloadChecksumError,
  IncompleteDownloadError,
  UnexpectedResponseError,
} from './errors.ts';
import type { HttpResponse } from './http.ts';
import { isRetryableNetworkError } from './retry.ts';

export type DownloadSource = Pick<Attachment, 'id' | 'containerId' | 'title' | 'versionNumber' | 'sizeBytes'>;

export interface DownloadOptions {
  /** The version to fetch; the current one by default. */
  versionNumber?: number;
  /** The size that version has; known for the current version, otherwise taken from the answer. */
  expectedSizeBytes?: number;
  /**
   * When that version was made. The file gets it as its modification time, and a file already there is
   * taken as complete only with that time and the size: a same-sized later version is fetched, not kept.
   */
  versionCreatedAtMs?: number;
  /**
   * The path names this version alone (a backup's per-version file, an older version's), so a `.part`
   * left there holds these same bytes. Otherwise it may hold another version's: it is resumed only where
   * the server states a hash to check the whole file against (Tributary), else fetched anew.
   */
  versionedPath?: boolean;
  /** Sync the folder after the rename (default); bulk callers sync each folder once with `syncDirectory`. */
  syncDirectory?: boolean;
  /** Bytes written (negative when a partial file had to be thrown away), for progress displays. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

export interface DownloadResult {
  outcome: 'downloaded' | 'skipped';
  sizeBytes: number;
  /** Bytes that were already in a `.part` file from an earlier, interrupted attempt. */
  resumedFromBytes: number;
}

/**
 * Where a version's bytes are: the REST download on Cloud-shaped servers (Cloud redirects it to its media
 * host), the download servlet on Data Center, which has no REST download (api-reference.md §0.6).
 */
export function downloadPathOf(
  context: ClientContext,
  source: DownloadSource,
  versionNumber?: number,
): string {
  const { server } = context;
  const version = versionNumber === undefined ? '' : `?version=${versionNumber}`;
  if (server.flavour === 'datacenter') {
    return `${server.context}/download/attachments/${segment(source.containerId)}/${segment(source.title)}${version}`;
  }
  return `${server.v1}/content/${segment(source.containerId)}/child/attachment/${segment(source.id)}/download${version}`;
}

const sizeOf = async (file: string) => {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
};

// Two versions may be made within a second. File systems that keep times to the millisecond or finer
// (ext4, XFS, APFS, NTFS) recognise a file; coarser ones (HFS+, FAT) have it fetched again, which is safe.
const timeToleranceMs = 1;

const hasTime = (mtimeMs: number, versionCreatedAtMs: number) =>
  Math.abs(mtimeMs - versionCreatedAtMs) < timeToleranceMs;

/** Whether a download of that size and version time is already at `file` (see `versionCreatedAtMs`). */
export async function isDownloaded(file: string, sizeBytes: number, versionCreatedAtMs: number | undefined) {
  const found = await stat(file).catch(() => undefined);
  if (found?.size !== sizeBytes) return false;
  return versionCreatedAtMs === undefined || hasTime(found.mtimeMs, versionCreatedAtMs);
}

/**
 * A file of the right size and time is complete. One of the right size and another time (saved before
 * files were stamped, or copied without their times) is the version's too if its SHA-256 is the one the
 * server states (Tributary): it gets the time, and is kept.
 */
async function isAlreadyThere(
  context: ClientContext,
  urlPath: string,
  filePath: string,
  sizeBytes: number,
  options: DownloadOptions,
): Promise<boolean> {
  const found = await stat(filePath).catch(() => undefined);
  if (found?.size !== sizeBytes) return false;
  const { versionCreatedAtMs } = options;
  if (versionCreatedAtMs === undefined || hasTime(found.mtimeMs, versionCreatedAtMs)) return true;
  const stated = await statedHashOf(context, urlPath, options);
  if (stated === undefined || (await sha256OfFile(filePath)) !== stated) return false;
  await utimes(filePath, new Date(), new Date(versionCreatedAtMs));
  return true;
}

export async function downloadAttachment(
  context: ClientContext,
  source: DownloadSource,
  filePath: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const isCurrent = options.versionNumber === undefined || options.versionNumber === source.versionNumber;
  const expected = options.expectedSizeBytes ?? (isCurrent ? source.sizeBytes : undefined);
  const urlPath = downloadPathOf(context, source, options.versionNumber);
  if (expected !== undefined && (await isAlreadyThere(context, urlPath, filePath, expected, options))) {
    return { outcome: 'skipped', sizeBytes: expected, resumedFromBytes: 0 };
  }
  await mkdir(path.dirname(filePath), { recursive: true });
  const partPath = `${filePath}.part`;
  if (!options.versionedPath && context.server.flavour !== 'tributary') await rm(partPath, { force: true });
  const resumedFromBytes = (await sizeOf(partPath)) ?? 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const size = await fetchIntoPart(context, urlPath, partPath, expected, options);
      if (options.versionCreatedAtMs !== undefined) {
        await utimes(partPath, new Date(), new Date(options.versionCreatedAtMs));
      }
      await rename(partPath, filePath);
      if (options.syncDirectory !== false) await syncDirectory(path.dirname(filePath));
      return { outcome: 'downloaded', sizeBytes: size, resumedFromBytes };
    } catch (error) {
      // A ConfluenceNetworkError was already retried by the HTTP layer; a body cut short was not.
      const retryable =
        error instanceof IncompleteDownloadError ||
        error instanceof DownloadChecksumError ||
        (!(error instanceof ConfluenceNetworkError) && isRetryableNetworkError(error, true));
      if (!retryable || !(await context.http.waitBeforeRetry(attempt, options.signal))) throw error;
    }
  }
}

/** One attempt: resume the `.part` where it ends, or start it over; answers the complete size. */
async function fetchIntoPart(
  context: ClientContext,
  urlPath: string,
  partPath: string,
  expected: number | undefined,
  options: DownloadOptions,
): Promise<number> {
  let offset = (await sizeOf(partPath)) ?? 0;
  if (expected !== undefined && offset > expected) {
    await discardPart(partPath, offset, options);
    offset = 0;
  }
  if (expected !== undefined && offset === expected && offset > 0) {
    // A .part that is already whole (the rename was cut off) is kept if nothing says it differs.
    const stated = await statedHashOf(context, urlPath, options);
    if (stated === undefined || (await sha256OfFile(partPath)) === stated) return offset;
    await discardPart(partPath, offset, options);
    offset = 0;
  }
  const response = await context.http.send('GET', urlPath, {
    headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
    accept: [416],
    signal: options.signal,
  });
  const plan = await planWrite(response, partPath, offset, options);
  if (expected !== undefined && plan.total !== undefined && plan.total !== expected) {
    await response.discard();
    throw new UnexpectedResponseError(
      `GET ${urlPath}`,
      `the server sends ${plan.total} bytes for an attachment of ${expected} bytes`,
    );
  }
  // Tributary states the SHA-256 of the bytes: check the whole file against it, resumed prefix included.
  const stated = context.server.flavour === 'tributary' ? sha256OfEtag(response.header('etag')) : undefined;
  const hash = stated === undefined ? undefined : createHash('sha256');
  let written: number;
  try {
    if (hash && plan.append)
      for await (const chunk of createReadStream(partPath)) hash.update(chunk as Buffer);
    written = await writeBody(response, partPath, plan.append, (bytes) => {
      hash?.update(bytes);
      options.onBytes?.(bytes.length);
    });
  } catch (error) {
    // An unread body would keep its connection and its concurrency slot.
    response.body.destroy();
    throw error;
  }
  const total = plan.total ?? expected ?? written;
  if (written !== total) throw new IncompleteDownloadError(urlPath, total, written);
  if (hash && hash.digest('hex') !== stated) {
    await discardPart(partPath, written, options);
    throw new DownloadChecksumError(urlPath);
  }
  return written;
}

/** One handle writes the bytes and then syncs them, so a file renamed into place is on disk in full. */
async function writeBody(
  response: HttpResponse,
  partPath: string,
  append: boolean,
  onChunk: (bytes: Buffer) => void,
): Promise<number> {
  const handle = await open(partPath, append ? 'a' : 'w');
  try {
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      onChunk(bytes);
      await handle.write(bytes);
    }
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Tributary's ETag is the quoted SHA-256 of the bytes (src/http/common/send-attachment.ts). */
export const sha256OfEtag = (etag: string | undefined) => /^"([0-9a-f]{64})"$/.exec(etag ?? '')?.[1];

async function statedHashOf(context: ClientContext, urlPath: string, options: DownloadOptions) {
  if (context.server.flavour !== 'tributary') return undefined;
  const response = await context.http.send('HEAD', urlPath, { signal: options.signal });
  return sha256OfEtag(response.header('etag'));
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Whether the answer continues the `.part` (206 from its end) or replaces it (200), and the full size. */
async function planWrite(
  response: HttpResponse,
  partPath: string,
  offset: number,
  options: DownloadOptions,
): Promise<{ append: boolean; total: number | undefined }> {
  if (response.status === 416) {
    // The part is no prefix of this version (it ends past it): start over next attempt.
    await response.discard();
    await discardPart(partPath, offset, options);
    throw new IncompleteDownloadError(response.url.pathname, 0, offset);
  }
  if (response.status === 206) {
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.header('content-range') ?? '');
    if (range?.[1] === undefined || Number(range[1]) !== offset) {
      await response.discard();
      await discardPart(partPath, offset, options);
      throw new IncompleteDownloadError(response.url.pathname, 0, offset);
    }
    return { append: true, total: range[2] === '*' || range[2] === undefined ? undefined : Number(range[2]) };
  }
  if (offset > 0) options.onBytes?.(-offset);
  const length = response.header('content-length');
  return { append: false, total: length === undefined ? undefined : Number(length) };
}

async function discardPart(partPath: string, bytes: number, options: DownloadOptions) {
  await rm(partPath, { force: true });
  if (bytes > 0) options.onBytes?.(-bytes);
}

/**
 * The rename is durable only once the directory is synced. A bulk download syncs each folder once at
 * the end instead (a rename lost to a crash only means that file is fetched again). Some systems
 * (Windows) cannot sync a directory, which is fine.
 */
export async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself is already on disk.
  }
}
