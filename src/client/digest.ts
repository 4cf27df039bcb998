/**
 * SHA-256 of local files and of attachments, for "are these the same bytes?". Tributary's download ETag
 * is the SHA-256 of the bytes (src/http/common/send-attachment.ts), so a HEAD answers it there; other
 * flavours give no hash, so the bytes are streamed through the hash (never kept).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ClientContext } from './context.ts';
import { type DownloadSource, downloadPathOf, sha256OfEtag } from './download.ts';

export async function sha256OfFile(filePath: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash, { signal });
  return hash.digest('hex');
}

/** The hash the server states for a version without sending it, or undefined when it states none. */
export async function statedSha256(
  context: ClientContext,
  source: DownloadSource,
  versionNumber?: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (context.server.flavour !== 'tributary') return undefined;
  const response = await context.http.send('HEAD', downloadPathOf(context, source, versionNumber), {
    signal,
  });
  return sha256OfEtag(response.header('etag'));
}

/** The hash of a version's bytes: stated by the server when it can, otherwise streamed and computed. */
export async function sha256OfAttachment(
  context: ClientContext,
  source: DownloadSource,
  versionNumber?: number,
  signal?: AbortSignal,
): Promise<string> {
  const stated = await statedSha256(context, source, versionNumber, signal);
  if (stated !== undefined) return stated;
  const response = await context.http.send('GET', downloadPathOf(context, source, versionNumber), { signal });
  const hash = createHash('sha256');
  await pipeline(response.body, hash, { signal });
  return hash.digest('hex');
}
