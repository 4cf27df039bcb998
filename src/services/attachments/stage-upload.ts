import { attachmentFilenameOf, checkFileType, mediaTypeOf } from '../../domain/attachment-rules.ts';
import type { BlobRef } from '../../ports/blob-store.ts';
import type { ServiceDeps } from '../deps.ts';

export interface IncomingFile {
  /** The name the client gave (a path is reduced to its last segment). */
  filename: string;
  /** The part's Content-Type, if it declared a useful one. */
  declaredMediaType: string | undefined;
  bytes: AsyncIterable<Uint8Array>;
}

/** Bytes that are durable in the blob store and pinned until committed or released. */
export interface StagedFile {
  filename: string;
  sha256: string;
  sizeBytes: number;
  /** Declared, else detected from the bytes, else guessed from the name. */
  mediaType: string;
}

const undeclared = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
// What the multipart parser reports for a part with no Content-Type at all, as Python's requests sends
// files by default: it says nothing, so the bytes and then the extension decide (clients.md).
const parserDefault = 'text/plain';

/** Passes the bytes through while keeping the first few, so the type can be detected without buffering. */
async function* sniffing(
  source: AsyncIterable<Uint8Array>,
  sniffBytes: number,
  onHead: (head: Buffer) => Promise<void>,
) {
  const head: Buffer[] = [];
  let headBytes = 0;
  let inspected = false;
  for await (const chunk of source) {
    if (!inspected) {
      head.push(Buffer.from(chunk));
      headBytes += chunk.length;
      if (headBytes < sniffBytes) continue;
      inspected = true;
      await onHead(Buffer.concat(head));
      for (const buffered of head) yield buffered;
      continue;
    }
    yield chunk;
  }
  if (!inspected) {
    await onHead(Buffer.concat(head));
    for (const buffered of head) yield buffered;
  }
}

/**
 * Streams one uploaded file into the blob store. The size limit and the site's file-type rules are applied
 * while the bytes flow, so a refused file stops the stream and leaves nothing behind.
 */
export async function stageUpload(
  deps: ServiceDeps,
  file: IncomingFile,
  signal?: AbortSignal,
): Promise<StagedFile> {
  const filename = attachmentFilenameOf(file.filename);
  // A part's Content-Type that is no media type (`x`, non-ASCII) counts as none: detection decides.
  const declared = mediaTypeOf(file.declaredMediaType) ?? '';
  const byName = deps.mediaTypes.fromName(filename);
  let detected: string | undefined;
  const policy = { allowed: deps.limits.attachmentTypesAllowed, denied: deps.limits.attachmentTypesDenied };
  const bytes = sniffing(file.bytes, deps.mediaTypes.headBytes, async (head) => {
    detected = await deps.mediaTypes.fromBytes(head);
    const candidates = [declared, detected, byName].filter(
      (type): type is string => !!type && !undeclared.has(type),
    );
    checkFileType(policy, filename, candidates);
  });
  // Pinned before the bytes are placed, so no clean-up can take them between now and the commit.
  let pinned: string | undefined;
  const pin = async (sha256: string) => {
    await deps.blobPins.pin(sha256);
    pinned = sha256;
  };
  let ref: BlobRef;
  try {
    ref = await deps.blobs.put(bytes, {
      maxBytes: deps.limits.maxAttachmentSizeBytes,
      beforePlacing: pin,
      ...(signal && { signal }),
    });
  } catch (error) {
    if (pinned !== undefined) await deps.blobPins.unpin(pinned);
    throw error;
  }
  const mediaType =
    (!undeclared.has(declared) && declared !== parserDefault && declared) ||
    detected ||
    byName ||
    (declared === parserDefault ? parserDefault : 'application/octet-stream');
  return { filename, sha256: ref.sha256, sizeBytes: ref.sizeBytes, mediaType };
}
