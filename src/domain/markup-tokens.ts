export type MarkupToken =
  | { kind: 'text'; text: string }
  | { kind: 'cdata'; text: string }
  /** The whole tag, `<` to `>`. */
  | { kind: 'tag'; tag: string };

const cdataStart = '<![CDATA[';
const cdataEnd = ']]>';

/**
 * Storage-format markup as text, CDATA sections and tags, in one pass. Bodies are anyone's input:
 * patterns that search on from every `<` for what closes it took time growing with the square or the
 * cube of the length on crafted markup (minutes for some hundred KiB, the event loop held all along);
 * here each character is looked at a bounded number of times. A `<` with no `>` after it is text, and so
 * is everything after it; a CDATA section never closed runs to the end.
 */
export function* markupTokens(value: string): Generator<MarkupToken> {
  let at = 0;
  while (at < value.length) {
    const open = value.indexOf('<', at);
    const close = open === -1 ? -1 : value.indexOf('>', open);
    if (open === -1 || close === -1) break;
    if (open > at) yield { kind: 'text', text: value.slice(at, open) };
    if (value.startsWith(cdataStart, open)) {
      const end = value.indexOf(cdataEnd, open);
      const stop = end === -1 ? value.length : end;
      yield { kind: 'cdata', text: value.slice(open + cdataStart.length, stop) };
      at = stop + cdataEnd.length;
      continue;
    }
    yield { kind: 'tag', tag: value.slice(open, close + 1) };
    at = close + 1;
  }
  if (at < value.length) yield { kind: 'text', text: value.slice(at) };
}

/** Where a token starts in the markup it was read from, and where the next one starts. */
export interface PlacedMarkupToken {
  token: MarkupToken;
  from: number;
  to: number;
}

/** The tokens with their places, so a change can be spliced into the markup as it was written. */
export function* placedMarkupTokens(value: string): Generator<PlacedMarkupToken> {
  let at = 0;
  for (const token of markupTokens(value)) {
    const length =
      token.kind === 'text'
        ? token.text.length
        : token.kind === 'tag'
          ? token.tag.length
          : cdataStart.length + token.text.length + cdataEnd.length;
    yield { token, from: at, to: Math.min(at + length, value.length) };
    at += length;
  }
}

/**
 * A tag's element name (`ac:task` for `<ac:task>`, `</ac:task>` and `<ac:task/>`), read up to the first
 * space, slash or `>`.
 */
export function tagNameOf(tag: string): string {
  const start = tag.startsWith('</') ? 2 : 1;
  let end = start;
  while (end < tag.length && !' \t\r\n/>'.includes(tag.charAt(end))) end += 1;
  return tag.slice(start, end);
}

export const isClosingTag = (tag: string) => tag.startsWith('</');
export const isSelfClosingTag = (tag: string) => tag.endsWith('/>');

/** The value of a double-quoted attribute of a tag, as written (entities not decoded). */
export function attributeOf(tag: string, name: string): string | undefined {
  const opening = `${name}="`;
  let at = tag.indexOf(opening);
  // The name must be a whole attribute name, not the end of a longer one.
  while (at > 0 && !' \t\r\n'.includes(tag.charAt(at - 1))) at = tag.indexOf(opening, at + 1);
  if (at <= 0) return undefined;
  const start = at + opening.length;
  const end = tag.indexOf('"', start);
  return end === -1 ? undefined : tag.slice(start, end);
}
