const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a stored body, for the text index: tags dropped (their attribute values too, except the
 * file and page names macros refer to), entities decoded, CDATA kept, whitespace collapsed.
 */
export function bodyText(representation: string, value: string): string {
  if (representation === 'atlas_doc_format') return adfText(value);
  return decodeEntities(markupWords(value)).replace(/\s+/g, ' ').trim();
}

const cdataStart = '<![CDATA[';
const referencedName = /ri:(?:filename|content-title)="([^"]*)"/;

/**
 * The text between the tags, in one pass. Bodies are anyone's input: patterns that search on from every
 * `<` for a closing `>` took time growing with the cube of the length on crafted markup (seconds for some
 * KiB, the event loop held all along); here each character is looked at a bounded number of times.
 */
function markupWords(value: string): string {
  const words: string[] = [];
  let at = 0;
  while (at < value.length) {
    const open = value.indexOf('<', at);
    if (open === -1) break;
    words.push(value.slice(at, open));
    if (value.startsWith(cdataStart, open)) {
      const end = value.indexOf(']]>', open);
      const stop = end === -1 ? value.length : end;
      words.push(' ', value.slice(open + cdataStart.length, stop), ' ');
      at = stop + 3;
      continue;
    }
    const close = value.indexOf('>', open);
    // An unclosed `<` is text, and so is everything after it.
    if (close === -1) {
      at = open;
      break;
    }
    const name = value.startsWith('<ri:', open) ? referencedName.exec(value.slice(open, close)) : null;
    words.push(' ', name?.[1] ?? '', ' ');
    at = close + 1;
  }
  if (at < value.length) words.push(value.slice(at));
  return words.join('');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
    const code =
      name.startsWith('#x') || name.startsWith('#X')
        ? Number.parseInt(name.slice(2), 16)
        : name.startsWith('#')
          ? Number(name.slice(1))
          : undefined;
    if (code === undefined) return entities[name.toLowerCase()] ?? match;
    // Past Unicode's last code point there is no character: the reference stays as written.
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

function adfText(value: string): string {
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as { text?: unknown; content?: unknown };
    if (typeof record.text === 'string') words.push(record.text);
    if (Array.isArray(record.content)) for (const child of record.content) walk(child);
  };
  try {
    walk(JSON.parse(value));
  } catch {
    return value;
  }
  return words.join(' ');
}
