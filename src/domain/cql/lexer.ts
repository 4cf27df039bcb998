import { badRequest } from '../errors.ts';
import type { ComparisonOperator } from './ast.ts';

/**
 * Splits CQL text into tokens in one left-to-right pass (reference/cql.md §1). Columns are 1-based
 * offsets into the text in UTF-16 code units, so a query spanning lines still has one column per
 * character, which is what the error messages quote.
 */

/** The words the grammar itself uses; matched case-insensitively (cql.md: `AND` ≡ `and`). */
export const keywords = ['AND', 'OR', 'NOT', 'IN', 'ORDER', 'BY', 'ASC', 'DESC'] as const;
export type Keyword = (typeof keywords)[number];

export type TokenKind = 'word' | 'number' | 'string' | 'keyword' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /**
   * A word or number as written, a string's contents with escapes removed, a keyword upper-cased, an
   * operator or punctuation symbol as is; empty at the end.
   */
  readonly text: string;
  /** The exact source text of the token (quotes included), for error messages. */
  readonly raw: string;
  readonly column: number;
}

const keywordSet: ReadonlySet<string> = new Set(keywords);

// Characters that end an unquoted word: whitespace (tested separately), quotes, parentheses, the comma
// and the characters operators start with. Reserved characters such as `*` or `-` do not end a word:
// the parser refuses them inside unquoted values, naming the character (cql.md "Reserved characters").
const wordTerminators: ReadonlySet<string> = new Set(['"', "'", '(', ')', ',', '=', '!', '<', '>', '~']);

// `\s`, with the common space tested first: this runs once per character of the query.
const isWhitespace = (char: string) => char === ' ' || ((char < ' ' || char > '~') && /\s/.test(char));

export function isKeyword(token: Token, keyword: Keyword): boolean {
  return token.kind === 'keyword' && token.text === keyword;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const column = index + 1;
    if (isWhitespace(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      const end = readString(text, index);
      tokens.push({ kind: 'string', text: end.value, raw: text.slice(index, end.next), column });
      index = end.next;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, raw: char, column });
      index += 1;
    } else if (char === '=' || char === '!' || char === '<' || char === '>' || char === '~') {
      const operator = readOperator(text, index);
      tokens.push({ kind: 'operator', text: operator, raw: operator, column });
      index += operator.length;
    } else {
      let end = index + 1;
      while (end < text.length && !wordTerminators.has(text.charAt(end)) && !isWhitespace(text.charAt(end))) {
        end += 1;
      }
      tokens.push(wordToken(text.slice(index, end), column));
      index = end;
    }
  }
  tokens.push({ kind: 'end', text: '', raw: '', column: text.length + 1 });
  return tokens;
}

function wordToken(raw: string, column: number): Token {
  const upper = raw.toUpperCase();
  if (keywordSet.has(upper)) return { kind: 'keyword', text: upper, raw, column };
  if (/^[0-9]+$/.test(raw)) return { kind: 'number', text: raw, raw, column };
  return { kind: 'word', text: raw, raw, column };
}

function readOperator(text: string, index: number): ComparisonOperator {
  const char = text.charAt(index);
  const next = text.charAt(index + 1);
  if (char === '=' || char === '~') return char;
  if (char === '!') {
    if (next === '=') return '!=';
    if (next === '~') return '!~';
    throw badRequest(`Unexpected "!" at column ${index + 1}: expected "!=" or "!~"`, { position: index + 1 });
  }
  // `<` or `>`, optionally followed by `=`.
  if (char === '<') return next === '=' ? '<=' : '<';
  return next === '=' ? '>=' : '>';
}

/**
 * Reads a quoted string starting at `start` (its quote). `\"`, `\'` and `\\` stand for the character;
 * any other backslash pair is kept as written, so the text-search mini-language still sees its escapes.
 */
function readString(text: string, start: number): { value: string; next: number } {
  const quote = text.charAt(start);
  let value = '';
  let chunkStart = start + 1;
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === quote) {
      return { value: value + text.slice(chunkStart, index), next: index + 1 };
    }
    if (char === '\\') {
      const escaped = text.charAt(index + 1);
      if (escaped === '"' || escaped === "'" || escaped === '\\') {
        value += text.slice(chunkStart, index) + escaped;
        index += 2;
        chunkStart = index;
        continue;
      }
      // A lone backslash before the end leaves the string unterminated, reported below.
      index += escaped === '' ? 1 : 2;
      continue;
    }
    index += 1;
  }
  throw badRequest(`Unterminated string starting at column ${start + 1}: expected a closing ${quote}`, {
    position: start + 1,
  });
}
