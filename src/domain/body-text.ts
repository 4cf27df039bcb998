const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a stored body, for the text index: tags dropped (their attribute values too, except the
 * file and page names macros refer to), entities decoded, CDATA kept, whitespace collapsed.
 */
export function bodyText(representation: string, value: string): string {
  if (representation === 'atlas_doc_format') return adfText(value);
  return value
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, ' $1 ')
    .replace(/<ri:[^>]*?ri:(?:filename|content-title)="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? match;
    })
    .replace(/\s+/g, ' ')
    .trim();
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
