import { hasControlCharacters } from './content-rules.ts';
import { badRequest, DomainError } from './errors.ts';

/**
 * The name a multipart part gives its file. Browsers and some clients send a path (`dir/a.png`,
 * `C:\x\a.png`): keep the last segment, as browsers do (clients.md). NUL or control characters, text
 * direction overrides, an empty name, bytes that were not UTF-8 and names past 255 characters are
 * refused; the name is stored NFC.
 */
export function attachmentFilenameOf(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).at(-1) ?? '';
  const name = lastSegment.normalize('NFC').trim();
  if (name === '' || name === '.' || name === '..')
    throw badRequest('The file name is empty', { field: 'file' });
  if (hasControlCharacters(name))
    throw badRequest('The file name contains control characters', { field: 'file' });
  // `invoice\u202Efdp.exe` shows as `invoiceexe.pdf`: direction overrides in a name serve only to disguise it.
  if (/[\u202a-\u202e\u2066-\u2069]/.test(name))
    throw badRequest('The file name contains text-direction controls', { field: 'file' });
  // The multipart parser turns bytes that are not UTF-8 into U+FFFD.
  if (name.includes('\uFFFD')) throw badRequest('The file name is not valid UTF-8', { field: 'file' });
  if (name.length > 255) throw badRequest('The file name is longer than 255 characters', { field: 'file' });
  return name;
}

/** A title set through the JSON endpoints must already be a plain name: a `/` there is an error. */
export function attachmentTitleOf(raw: unknown): string {
  const title = typeof raw === 'string' ? raw : '';
  if (title.includes('/') || title.includes('\\')) {
    throw badRequest('An attachment title cannot contain / or \\', { field: 'title' });
  }
  return attachmentFilenameOf(title);
}

export interface FileTypePolicy {
  allowed: readonly string[];
  denied: readonly string[];
}

/**
 * The extensions a name may be opened by: its own, past trailing dots and spaces (Windows opens `a.html.`
 * as `a.html`), and, where it has a colon, the part before it (NTFS reads `a.exe::$DATA` as `a.exe`).
 */
const extensionsOf = (filename: string) => {
  const extensionOf = (name: string) => {
    const opened = name.replace(/[. ]+$/, '');
    const dot = opened.lastIndexOf('.');
    return dot > 0 ? opened.slice(dot).toLowerCase() : '';
  };
  return [...new Set([extensionOf(filename), extensionOf(filename.split(':')[0] ?? '')])];
};

const matches = (entry: string, extension: string, mediaTypes: readonly string[]) =>
  entry.startsWith('.')
    ? entry === extension
    : mediaTypes.some((type) =>
        entry.endsWith('/*') ? type.startsWith(entry.slice(0, -1)) : type === entry,
      );

/**
 * Refuses a file whose extension or media types (declared and detected) the site denies, or that the
 * allow list, when there is one, does not name. 415 with seed 002's wording.
 */
export function checkFileType(policy: FileTypePolicy, filename: string, mediaTypes: readonly string[]): void {
  const extensions = extensionsOf(filename);
  const types = mediaTypes.map((type) => type.toLowerCase());
  // Denied if any reading of the name is; allowed only if every one is.
  const denied = extensions.some((extension) =>
    policy.denied.some((entry) => matches(entry, extension, types)),
  );
  const allowed =
    policy.allowed.length === 0 ||
    extensions.every((extension) => policy.allowed.some((entry) => matches(entry, extension, types)));
  if (denied || !allowed) {
    throw new DomainError('media_type_refused', {
      detail: 'File type not supported',
      filename,
      mediaTypes: types,
    });
  }
}

const mediaTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** `type/subtype` of a Content-Type, lower case and without parameters; undefined if it is not one. */
export function mediaTypeOf(raw: string | undefined): string | undefined {
  const mediaType = (raw?.split(';')[0] ?? '').trim().toLowerCase();
  return mediaTypePattern.test(mediaType) ? mediaType : undefined;
}

/** A media type a client names (`text/plain; charset=utf-8` → `text/plain`); anything else is a 400. */
export function normaliseMediaType(raw: unknown, field: string): string {
  const mediaType = typeof raw === 'string' ? mediaTypeOf(raw) : undefined;
  if (mediaType === undefined) {
    throw badRequest(`${field} must be a media type such as text/plain, not '${String(raw)}'`, { field });
  }
  return mediaType;
}

// Raster images a browser shows in an <img>; SVG is left out, as it can carry script.
const thumbnailTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
]);

/** Whether an attachment of this media type has a thumbnail (the image itself, served at full size). */
export function hasThumbnail(mediaType: string): boolean {
  return thumbnailTypes.has(mediaType);
}

/** A comment, or any text field of an upload, is at most 64 KiB however it arrives; longer is a 400. */
export const maxCommentBytes = 64 * 1024;

export const commentTooLong = (field: string) => badRequest(`A ${field} may be at most 64 KiB`, { field });

export function checkCommentLength(text: string, field = 'comment'): string {
  if (Buffer.byteLength(text, 'utf8') > maxCommentBytes) throw commentTooLong(field);
  return text;
}
