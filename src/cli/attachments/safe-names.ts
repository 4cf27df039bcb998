/**
 * File names on disk for attachment titles. A title is the server's data, not ours: it may hold `/`,
 * `..`, control characters, names Windows reserves, or differ from another only in case. Each title
 * becomes a single, portable path segment, and the names within one folder are made distinct in a
 * stable way (the lowest attachment id keeps the plain name), so a re-run finds the same files.
 */

// Also illegal on Windows, and so on any share a download may land on.
const reservedCharacters = /[<>:"/\\|?*]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;
const windowsDeviceNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Leaves room under the usual 255-byte limit for a ` (id)` suffix and the `.part` of a download. */
const maxNameBytes = 200;
const partSuffix = '.part';

function truncateUtf8(text: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes) break;
    result += character;
    bytes += size;
  }
  return result;
}

/** Splits `report.final.pdf` into `report.final` and `.pdf`; a leading dot is part of the stem. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 16) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/** One path segment, safe on Linux, macOS and Windows, as close to the title as that allows. */
export function safeFileName(title: string): string {
  let name = title.normalize('NFC').replace(controlCharacters, '_').replace(reservedCharacters, '_');
  // Windows drops trailing dots and spaces, which would merge `a.` with `a`.
  name = name.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  if (name === '' || /^\.+$/.test(name)) name = '_'.repeat(Math.max(name.length, 1));
  if (windowsDeviceNames.test(name)) name = `_${name}`;
  // A title ending in `.part` would collide with another download's temporary file.
  if (name.toLowerCase().endsWith(partSuffix)) name = `${name}_`;
  if (Buffer.byteLength(name, 'utf8') > maxNameBytes) {
    const [stem, extension] = splitExtension(name);
    name = truncateUtf8(stem, maxNameBytes - Buffer.byteLength(extension, 'utf8')) + extension;
  }
  return name;
}

/**
 * Distinct names for the attachments of one folder. Names compare case-insensitively (macOS and Windows
 * do), and `reserved` names (folders the download makes itself) are never given out.
 */
export function allocateNames(
  entries: ReadonlyArray<{ id: string; title: string }>,
  reserved: readonly string[] = [],
): Map<string, string> {
  const numeric = (id: string) => Number(id.replace(/^att/, ''));
  const ordered = [...entries].sort((a, b) => numeric(a.id) - numeric(b.id) || a.id.localeCompare(b.id));
  const taken = new Set(reserved.map((name) => name.toLowerCase()));
  const names = new Map<string, string>();
  for (const entry of ordered) {
    let name = safeFileName(entry.title);
    if (taken.has(name.toLowerCase())) {
      const [stem, extension] = splitExtension(name);
      name = `${stem} (${safeFileName(entry.id)})${extension}`;
      for (let n = 2; taken.has(name.toLowerCase()); n += 1)
        name = `${stem} (${safeFileName(entry.id)}-${n})${extension}`;
    }
    taken.add(name.toLowerCase());
    names.set(entry.id, name);
  }
  return names;
}
