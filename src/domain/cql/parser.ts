import { badRequest } from '../errors.ts';
import {
  type CqlClause,
  type CqlExpression,
  type CqlFunctionCall,
  type CqlLiteral,
  type CqlOperator,
  type CqlQuery,
  type CqlSortKey,
  type CqlValue,
  comparisonOperators,
} from './ast.ts';
import { isKeyword, type Token, tokenize } from './lexer.ts';

/**
 * Recursive descent over reference/cql.md §1, one token of look-ahead and no backtracking, so time is
 * linear in the query length. Precedence: parentheses > NOT > AND > OR. This checks syntax only;
 * `validate.ts` checks fields, operators, functions and values.
 */

/** Parentheses and NOTs nested deeper than this are refused with a 400 before the stack could run out. */
export const maxCqlNesting = 100;

/**
 * More clauses than this are refused with a 400. The SQL a query compiles to grows with its clauses and
 * the database's planning time faster than that: 1,500 `title ~` clauses joined by OR took 15 s on an
 * empty site (the fuzzing of issue 22). A list (`label IN (a, b, …)`) is one clause, whatever its length.
 */
export const maxCqlClauses = 200;

// cql.md "Reserved words (must be quoted to be used as values)". AND/OR/NOT/IN/ORDER/BY are among them;
// ASC and DESC are not, so `label = desc` is a value.
const reservedWords: ReadonlySet<string> = new Set(
  (
    'after and as avg before begin by commit contains count distinct else empty end explain from having if ' +
    'in inner insert into is isnull left like limit max min not null or order outer right select sum then ' +
    'was where update'
  ).split(' '),
);

// cql.md "Reserved characters (must be quoted to be literal)"; space and `,` already end a word.
const reservedCharacters: ReadonlySet<string> = new Set([...'+.;?|*/%^$#@[]-']);

// cql.md: "unquoted `2014-09-01` also works in examples", although `-` is reserved.
const unquotedDate = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/;
const fieldPath = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const functionName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses CQL text into its syntax tree without checking fields or values; see `parseCql` for both. */
export function parseCqlSyntax(text: string): CqlQuery {
  return new CqlParser(tokenize(text)).query();
}

const fail = (message: string, token: Token) => badRequest(message, { position: token.column });

/** A token as error messages quote it, shortened so a 10,000-character word cannot flood a response. */
function quote(token: Token): string {
  const raw = token.raw.length > 40 ? `${token.raw.slice(0, 37)}…` : token.raw;
  return token.kind === 'string' ? raw : `"${raw}"`;
}

/**
 * `Unexpected "x" at column n: expected …`, or at the end of the text `atEnd` (which names the column of
 * what is left open) or else `Expected … at column n`.
 */
function unexpected(token: Token, expected: string, atEnd?: string): Error {
  if (token.kind === 'end') return fail(atEnd ?? `Expected ${expected} at column ${token.column}`, token);
  return fail(`Unexpected ${quote(token)} at column ${token.column}: expected ${expected}`, token);
}

class CqlParser {
  private index = 0;
  private depth = 0;
  private clauses = 0;
  private readonly tokens: readonly Token[];
  private readonly endToken: Token;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
    const last = tokens[tokens.length - 1];
    this.endToken = last ?? { kind: 'end', text: '', raw: '', column: 1 };
  }

  query(): CqlQuery {
    const where = this.orExpression();
    const next = this.peek();
    if (isKeyword(next, 'ORDER')) return { where, orderBy: this.orderBy() };
    if (next.kind === ')') {
      throw fail(`Unexpected ")" at column ${next.column}: there is no "(" to close`, next);
    }
    if (next.kind !== 'end') throw unexpected(next, 'AND, OR or ORDER BY');
    return { where, orderBy: [] };
  }

  private peek(offset = 0): Token {
    return this.tokens[this.index + offset] ?? this.endToken;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private orExpression(): CqlExpression {
    const operands = [this.andExpression()];
    while (isKeyword(this.peek(), 'OR')) {
      this.advance();
      operands.push(this.andExpression());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: 'or', operands };
  }

  private andExpression(): CqlExpression {
    const operands = [this.notExpression()];
    while (isKeyword(this.peek(), 'AND')) {
      this.advance();
      operands.push(this.notExpression());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: 'and', operands };
  }

  // `NOT NOT … x` is read in a loop rather than by recursion; each NOT still counts towards the depth.
  private notExpression(): CqlExpression {
    let negations = 0;
    while (isKeyword(this.peek(), 'NOT')) {
      this.enter(this.advance());
      negations += 1;
    }
    let expression = this.primary();
    for (; negations > 0; negations -= 1) {
      expression = { kind: 'not', operand: expression };
      this.depth -= 1;
    }
    return expression;
  }

  private primary(): CqlExpression {
    const open = this.peek();
    if (open.kind !== '(') return this.clause();
    this.advance();
    this.enter(open);
    const expression = this.orExpression();
    const close = this.peek();
    if (close.kind !== ')') {
      const closing = `")" to close "(" opened at column ${open.column}`;
      throw unexpected(close, `AND, OR or ${closing}`, `Expected ${closing}`);
    }
    this.advance();
    this.depth -= 1;
    return expression;
  }

  private enter(token: Token): void {
    this.depth += 1;
    if (this.depth > maxCqlNesting) {
      throw fail(
        `The query nests parentheses and NOT more than ${maxCqlNesting} levels deep at column ${token.column}`,
        token,
      );
    }
  }

  private clause(): CqlClause {
    const fieldToken = this.peek();
    this.clauses += 1;
    if (this.clauses > maxCqlClauses) {
      throw fail(
        `The query has more than ${maxCqlClauses} clauses: the one at column ${fieldToken.column} is one too many`,
        fieldToken,
      );
    }
    const field = this.fieldName(fieldToken, 'Expected a field name, "(" or NOT');
    this.advance();
    const operatorToken = this.peek();
    let operator: CqlOperator;
    let value: CqlValue;
    if (operatorToken.kind === 'operator') {
      this.advance();
      // The lexer makes operator tokens only from these symbols.
      operator = comparisonOperators.find((symbol) => symbol === operatorToken.text) ?? '=';
      if (this.peek().kind === '(') {
        const list = this.peek();
        throw fail(`A list of values needs IN or NOT IN, not "${operator}", at column ${list.column}`, list);
      }
      value = this.value(`Expected a value after "${operator}"`);
    } else if (isKeyword(operatorToken, 'IN')) {
      this.advance();
      operator = 'in';
      value = this.listOrFunction('IN');
    } else if (isKeyword(operatorToken, 'NOT')) {
      this.advance();
      const inToken = this.peek();
      if (!isKeyword(inToken, 'IN')) throw fail(`Expected IN after NOT at column ${inToken.column}`, inToken);
      this.advance();
      operator = 'not in';
      value = this.listOrFunction('NOT IN');
    } else {
      throw fail(
        `Expected an operator (=, !=, >, >=, <, <=, ~, !~, IN or NOT IN) after "${fieldToken.raw}" at column ${operatorToken.column}`,
        operatorToken,
      );
    }
    return { kind: 'clause', field, operator, value, column: fieldToken.column };
  }

  /** A field path (`space.key`), lower-cased: field names are case-insensitive (cql.md §1). */
  private fieldName(token: Token, missing: string): string {
    if (token.kind !== 'word') throw fail(`${missing} at column ${token.column}`, token);
    if (!fieldPath.test(token.text)) {
      throw fail(`Invalid field name ${quote(token)} at column ${token.column}`, token);
    }
    return token.text.toLowerCase();
  }

  /** `word | quotedString | function` (cql.md `value`); `missing` starts the message when there is none. */
  private value(missing: string): CqlLiteral | CqlFunctionCall {
    const token = this.peek();
    if (token.kind === 'string' || token.kind === 'number') {
      this.advance();
      return { kind: 'literal', text: token.text, quoted: token.kind === 'string', column: token.column };
    }
    if (token.kind === 'word' && this.peek(1).kind === '(') return this.functionCall();
    if (token.kind === 'word' || token.kind === 'keyword') {
      if (reservedWords.has(token.raw.toLowerCase())) {
        throw fail(
          `Reserved word "${token.raw}" must be quoted to be used as a value at column ${token.column}`,
          token,
        );
      }
      this.checkReservedCharacters(token);
      this.advance();
      return { kind: 'literal', text: token.raw, quoted: false, column: token.column };
    }
    throw fail(`${missing} at column ${token.column}`, token);
  }

  private checkReservedCharacters(token: Token): void {
    if (unquotedDate.test(token.raw)) return;
    for (let offset = 0; offset < token.raw.length; offset += 1) {
      const char = token.raw.charAt(offset);
      if (reservedCharacters.has(char)) {
        const column = token.column + offset;
        throw badRequest(
          `Reserved character "${char}" must be quoted to be used in a value at column ${column}`,
          { position: column },
        );
      }
    }
  }

  private listOrFunction(operator: 'IN' | 'NOT IN'): CqlValue {
    const open = this.peek();
    if (open.kind === 'word' && this.peek(1).kind === '(') return this.functionCall();
    if (open.kind !== '(') {
      throw fail(`Expected "(" or a function after ${operator} at column ${open.column}`, open);
    }
    this.advance();
    const items: (CqlLiteral | CqlFunctionCall)[] = [];
    for (;;) {
      items.push(this.value('Expected a value in the list'));
      const next = this.advance();
      if (next.kind === ')') return { kind: 'list', items, column: open.column };
      if (next.kind !== ',') {
        const closing = `")" to close the list opened at column ${open.column}`;
        throw unexpected(next, `"," or ${closing}`, `Expected ${closing}`);
      }
    }
  }

  /** `name "(" [ arg { "," arg } ] ")"` where each arg is a quoted string or an integer. */
  private functionCall(): CqlFunctionCall {
    const nameToken = this.advance();
    if (!functionName.test(nameToken.text)) {
      throw fail(`Invalid function name ${quote(nameToken)} at column ${nameToken.column}`, nameToken);
    }
    const open = this.advance();
    const name = nameToken.text;
    const args: CqlLiteral[] = [];
    if (this.peek().kind === ')') {
      this.advance();
      return { kind: 'function', name, args, column: nameToken.column };
    }
    for (;;) {
      const arg = this.peek();
      if (arg.kind !== 'string' && arg.kind !== 'number') {
        throw fail(
          `Expected a quoted string or a number as an argument of ${name}() at column ${arg.column}`,
          arg,
        );
      }
      this.advance();
      args.push({ kind: 'literal', text: arg.text, quoted: arg.kind === 'string', column: arg.column });
      const next = this.advance();
      if (next.kind === ')') return { kind: 'function', name, args, column: nameToken.column };
      if (next.kind !== ',') {
        const closing = `")" to close "${name}(" opened at column ${open.column}`;
        throw unexpected(next, `"," or ${closing}`, `Expected ${closing}`);
      }
    }
  }

  /** `ORDER BY sortKey { "," sortKey }`, which must end the query. */
  private orderBy(): CqlSortKey[] {
    this.advance();
    const by = this.peek();
    if (!isKeyword(by, 'BY')) throw fail(`Expected BY after ORDER at column ${by.column}`, by);
    this.advance();
    const keys: CqlSortKey[] = [];
    let after = 'ORDER BY';
    for (;;) {
      const fieldToken = this.peek();
      const field = this.fieldName(fieldToken, `Expected a field name after ${after}`);
      this.advance();
      const directionToken = this.peek();
      const explicit = isKeyword(directionToken, 'ASC') || isKeyword(directionToken, 'DESC');
      if (explicit) this.advance();
      const direction = isKeyword(directionToken, 'DESC') ? 'desc' : 'asc';
      keys.push({ field, direction, column: fieldToken.column });
      const next = this.advance();
      if (next.kind === 'end') return keys;
      if (next.kind !== ',') {
        throw unexpected(next, `${explicit ? '' : 'ASC, DESC, '}"," or the end of the query`);
      }
      after = '","';
    }
  }
}
