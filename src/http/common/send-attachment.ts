import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange } from '../../ports/blob-store.ts';
import type { AttachmentFileVersion } from '../../services/attachments/find-attachment.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { offloadDownload } from './download-offload.ts';
import { askedForHead } from './head-as-get.ts';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against a size; undefined for no or several ranges, 'unsatisfiable' past the end. */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * The kinds a browser may show inline from this origin: they cannot run script whatever their bytes (with
 * nosniff). HTML, SVG, XML and everything else are only ever downloads.
 */
const previewableMediaTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'application/pdf',
  'text/plain',
]);

export function isPreviewable(mediaType: string): boolean {
  return previewableMediaTypes.has(mediaType.split(';')[0]?.trim().toLowerCase() ?? '');
}

/** RFC 6266/5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a proxy that weakened our tag still revalidates. */
function noneMatch(header: string | undefined, etag: string): boolean {
  return (header ?? '').split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * If-Range (RFC 9110 §13.1.5): a range is served only if the client's copy is still these bytes, so a
 * resumed download never splices a newer version onto an older one. Comparison is strong, and a date
 * never matches (no Last-Modified is sent): either way the whole file is sent instead.
 */
function rangeStillValid(header: string | string[] | undefined, etag: string): boolean {
  return header === undefined || (typeof header === 'string' && header.trim() === etag);
}

// A download runs nothing. A preview is not sandboxed (the sandbox stops Chrome's PDF viewer), but is
// only ever an image, a PDF or plain text, never sniffed, and may load nothing, not even script of ours.
const downloadPolicy = "sandbox; default-src 'none'";
// Framed only by our own screens (the attachments screen's PDF preview).
const previewPolicy =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

/**
 * Streams an attachment version. As a download, never sniffed, and sandboxed, so an uploaded HTML or SVG
 * file cannot run as this origin; `preview` shows it inline instead, only if it is of a kind that cannot
 * run script (`isPreviewable`). ETag is the content hash; Range, If-Range and If-None-Match are honoured.
 */
export async function sendAttachment(
  deps: ServiceDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  { version }: AttachmentFileVersion,
  options: { preview?: boolean } = {},
) {
  const file = version.file;
  if (!file) return reply.status(404).send();
  const etag = `"${file.sha256}"`;
  const inline = options.preview === true && isPreviewable(file.mediaType);
  reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', contentDisposition(version.title, inline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', inline ? previewPolicy : downloadPolicy)
    .header('cache-control', 'private, max-age=0, must-revalidate')
    .type(file.mediaType);
  if (noneMatch(request.headers['if-none-match'], etag)) {
    // The length a 200 would have (RFC 9110 §8.6); an empty stream, as for HEAD below, keeps Fastify from
    // announcing the empty payload's 0 instead.
    return reply.status(304).header('content-length', String(file.sizeBytes)).send(Readable.from([]));
  }
  const range = rangeStillValid(request.headers['if-range'], etag)
    ? parseRange(request.headers.range, file.sizeBytes)
    : undefined;
  if (range === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${file.sizeBytes}`).send();
  }
  const offload = request.server.downloadOffload;
  // HEAD and empty files have no bytes to hand over. A preview is not sent off to S3: the screens that show
  // it (an <img>, a frame, a fetch) allow only this origin. Nor is a range S3 would honour despite If-Range
  // (it reads no If-Range), where we send the whole file.
  const offloadable =
    offload.kind !== 'off' &&
    !askedForHead(request) &&
    file.sizeBytes > 0 &&
    (offload.kind !== 'redirect' ||
      (options.preview !== true &&
        (request.headers.range === undefined || request.headers['if-range'] === undefined)));
  if (offloadable && (await offloadDownload(offload, deps.blobs, reply, file.sha256))) return reply;
  const length = range ? range.end - range.start + 1 : file.sizeBytes;
  reply.header('content-length', String(length));
  if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
  // An empty stream, not an empty payload, for which Fastify would announce a Content-Length of 0.
  if (askedForHead(request) || length === 0) return reply.send(Readable.from([]));
  return reply.send(await deps.blobs.read(file.sha256, range));
}
