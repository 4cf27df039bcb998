import type { FastifyReply } from 'fastify';
import type { DownloadOffload } from '../../config/config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who sends a download's bytes once it is checked (TRIBUTARY_DOWNLOAD_OFFLOAD). */
    downloadOffload: DownloadOffload;
  }
}

// Long enough for a client to follow the redirect, short enough that a leaked link soon stops working;
// S3 checks the expiry when a download starts, not while it runs.
const PRESIGNED_SECONDS = 60;

/**
 * Hands a download to whoever sends the bytes instead of us, the reply's headers already set: a proxy in
 * front (X-Accel-Redirect or X-Sendfile naming the blob's file, an empty body; the proxy answers the
 * client's Range from the file, see docs/download-offload.md for the headers it keeps), or S3 (a 302 to
 * a presigned URL whose answer carries our Content-Type, Content-Disposition and Cache-Control). False
 * when the store cannot do what the setting asks, so the caller sends the bytes itself. (Not the reply:
 * a reply is a thenable that settles when it is sent, so an async function cannot hand it back as is.)
 */
export async function offloadDownload(
  offload: Exclude<DownloadOffload, { kind: 'off' }>,
  blobs: BlobStore,
  reply: FastifyReply,
  sha256: string,
): Promise<boolean> {
  if (offload.kind === 'redirect') {
    if (!blobs.presignDownload) return false;
    const url = await blobs.presignDownload(sha256, {
      contentType: String(reply.getHeader('content-type')),
      contentDisposition: String(reply.getHeader('content-disposition')),
      cacheControl: String(reply.getHeader('cache-control')),
      expiresInSeconds: PRESIGNED_SECONDS,
    });
    reply.redirect(url, 302);
    return true;
  }
  const file = blobs.fileOf?.(sha256);
  if (!file) return false;
  const header =
    offload.kind === 'x-accel-redirect'
      ? ['x-accel-redirect', offload.prefix + file.relativePath]
      : ['x-sendfile', file.absolutePath];
  // The proxy sets the length of what it sends; ours would announce a body this answer does not have.
  reply
    .header(header[0] as string, header[1])
    .header('content-length', '0')
    .send();
  return true;
}
