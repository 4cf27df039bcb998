import { buffer } from 'node:stream/consumers';
import { bodyText } from '../../domain/body-text.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireAttachmentOn } from './require-attachment.ts';

// The text read from a file is capped: the endpoint is for indexers and previews, not for downloading.
const maxTextBytes = 1024 * 1024;

const markupTypes = new Set([
  'text/html',
  'application/xhtml+xml',
  'application/xml',
  'text/xml',
  'image/svg+xml',
]);
const plainTypes = new Set([
  'application/json',
  'application/javascript',
  'application/x-yaml',
  'application/yaml',
]);

/** How the words of a file of this media type are had: as they are, without markup, or not at all here. */
function textKindOf(mediaType: string): 'plain' | 'markup' | undefined {
  if (markupTypes.has(mediaType) || mediaType.endsWith('+xml')) return 'markup';
  if (mediaType.startsWith('text/') || plainTypes.has(mediaType) || mediaType.endsWith('+json'))
    return 'plain';
  return undefined;
}

/**
 * DC `GET /content/{id}/child/attachment/{attachmentId}/extractedtext`: the words of a text file (markup
 * dropped from HTML, XML and SVG), at most `limit` characters of the first MiB. Other files have no
 * extractor here, which the endpoint answers as Confluence does when it has no text: undefined, a 204.
 */
export async function getExtractedText(
  deps: ServiceDeps,
  principal: Principal,
  containerId: number,
  attachmentId: number,
  limit: number | undefined,
): Promise<string | undefined> {
  const { attachment } = await requireAttachmentOn(deps, principal, containerId, attachmentId, ['current']);
  const file = attachment.version.file;
  const kind = file && textKindOf(file.mediaType);
  if (!file || !kind) return undefined;
  const readBytes = Math.min(file.sizeBytes, maxTextBytes);
  const bytes =
    readBytes > 0 ? await buffer(await deps.blobs.read(file.sha256, { start: 0, end: readBytes - 1 })) : '';
  let text = bytes.toString('utf8');
  // A cut through a character leaves a replacement mark that the file does not have.
  if (readBytes < file.sizeBytes) text = text.replace(/\uFFFD$/, '');
  if (kind === 'markup') text = bodyText('storage', text);
  return limit === undefined ? text : [...text].slice(0, limit).join('');
}
