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
