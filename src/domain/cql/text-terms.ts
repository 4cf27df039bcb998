/**
 * The right-hand side of `~` (cql.md "Text-search mini-language") turned into safe SQL inputs: an FTS5
 * expression whose every token is double-quoted, or a LIKE pattern with `%`, `_` and `\` escaped. The
 * user's text never reaches SQL except as a bound parameter, and never as FTS5 syntax of its own.
 *
 * What FTS5 can and cannot do decides the approximations, documented in docs/cql-search.md:
 * - terms are ANDed, as Confluence's search box does; `"a phrase"` (inner quotes) is a phrase;
 * - `*` or `?` at the end of a term is a prefix search; inside a term, the part before the first
 *   wildcard is searched as a prefix (FTS5 has no infix wildcards), so such terms may over-match;
 * - fuzzy `roam~` is searched as `roam`; there is no stemming (`wins` does not find `win`).
 */

export interface TextTerm {
  /** Lower-case word pieces as the unicode61 tokenizer would split them. */
  readonly words: readonly string[];
  readonly prefix: boolean;
}

// The tokenizer's idea of a word: runs of letters and digits (unicode61 folds case and diacritics).
const wordRun = /[\p{L}\p{N}]+/gu;

/** Terms and phrases of a text value; empty when it holds no letter or digit. */
export function textTermsOf(value: string): TextTerm[] {
  const terms: TextTerm[] = [];
  // A phrase is text between double quotes; everything else splits on whitespace.
  const pieces = /"([^"]*)"|(\S+)/g;
  for (let match = pieces.exec(value); match !== null; match = pieces.exec(value)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      const words = phrase.toLowerCase().match(wordRun) ?? [];
      if (words.length > 0) terms.push({ words, prefix: false });
      continue;
    }
    const word = (match[2] ?? '').replace(/~[0-9.]*$/, '');
    const wildcard = word.search(/[*?]/);
    const literal = wildcard === -1 ? word : word.slice(0, wildcard);
    const words = literal.toLowerCase().match(wordRun) ?? [];
    if (words.length > 0) terms.push({ words, prefix: wildcard !== -1 });
  }
  return terms;
}

/**
 * An FTS5 query for the terms, each restricted to `columns` when given. Null when there is nothing to
 * search for, which the compiler reads as "matches nothing".
 */
export function ftsExpressionOf(terms: readonly TextTerm[], columns: readonly string[] = []): string | null {
  if (terms.length === 0) return null;
  const filter = columns.length === 0 ? '' : `{${columns.join(' ')}} : `;
  // Words hold only letters and digits, so quoting them needs no escaping.
  return terms.map((term) => `${filter}"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`).join(' AND ');
}

/**
 * A case-insensitive LIKE pattern for a value with a leading `*` (`title ~ "*.png"`: ends with `.png`),
 * which a token index cannot answer. `*` and `?` become `%` and `_`; literal `%`, `_` and `\` are escaped
 * for `ESCAPE '\'`.
 */
export function likePatternOf(value: string): string {
  let pattern = '';
  for (const char of value.trim().toLowerCase()) {
    if (char === '*') pattern += '%';
    else if (char === '?') pattern += '_';
    else if (char === '%' || char === '_' || char === '\\') pattern += `\\${char}`;
    else pattern += char;
  }
  return pattern;
}

/** Terms as shown to a reader, for highlighting excerpts: each word, with whether it is a prefix. */
export function highlightWordsOf(value: string): { word: string; prefix: boolean }[] {
  return textTermsOf(value).flatMap((term) =>
    term.words.map((word, index) => ({ word, prefix: term.prefix && index === term.words.length - 1 })),
  );
}
