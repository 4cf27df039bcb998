import { markupTokens } from './markup-tokens.ts';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a stored body, for the text index: tags dropped (their attribute values too, except the
 * file and page names macros refer to), entities decoded, CDATA kept, whitespace collapsed.
 */
export function bodyText(representation: string, value: string): string {
  if (representation === 'atlas_doc_format') return adfText(value);
  return decodeEntities(markupWords(value)).replace(/\s+/g, ' ').trim();
}

const referencedName = /ri:(?:filename|content-title)="([^"]*)"/;

/** The text between the tags; a tag leaves a space, or the file or page name a macro refers to. */
function markupWords(value: string): string {
  const words: string[] = [];
  for (const token of markupTokens(value)) {
    if (token.kind === 'text') words.push(token.text);
    else if (token.kind === 'cdata') words.push(' ', token.text, ' ');
    else words.push(' ', (token.tag.startsWith('<ri:') && referencedName.exec(token.tag)?.[1]) || '', ' ');
  }
  return words.join('');
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
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
