import type { TextTerm } from '../../../domain/cql/text-terms.ts';

/** The field each weight of a PostgreSQL text row stands for (tsvector has four: A to D). */
export const textWeights = { title: 'A', filename: 'B', labels: 'C', body: 'D' } as const;
type TextField = keyof typeof textWeights;

// unicode61's idea of a word, as text-terms.ts cuts the user's terms: runs of letters and digits.
const wordRun = /[\p{L}\p{N}]+/gu;

/** Case and diacritics folded as unicode61 `remove_diacritics 2` does ("Café" → "cafe"). */
const fold = (word: string) =>
  word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');

/**
 * The words of a text, folded, one space apart: PostgreSQL's own parser would keep `report.pdf` or
 * `a@b.org` whole, where SQLite (and the query side) see two or three words.
 */
export function foldedText(text: string): string {
  return (text.match(wordRun) ?? []).map(fold).join(' ');
}

/**
 * A `to_tsquery` text for the terms: ANDed, a phrase's words in a row (`<->`), `:*` on a prefix, and the
 * weight of `fields` when given. Words hold only letters and digits, so nothing in them is syntax.
 */
export function tsQueryOf(terms: readonly TextTerm[], fields: readonly TextField[] = []): string | null {
  if (terms.length === 0) return null;
  const weights = fields.map((field) => textWeights[field]).join('');
  return terms
    .map((term) => {
      const words = term.words.flatMap((word) => foldedText(word).split(' ')).filter((word) => word !== '');
      return `(${words
        .map((word, index) => {
          const prefix = term.prefix && index === words.length - 1 ? '*' : '';
          return prefix || weights ? `${word}:${prefix}${weights}` : word;
        })
        .join(' <-> ')})`;
    })
    .join(' & ');
}
