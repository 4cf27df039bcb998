/**
 * The parsed form of a CQL query (grammar: reference/cql.md §1). Negations stay as written — `!=`, `!~`,
 * `NOT IN` and `NOT` are their own nodes — so the SQL compiler decides how each one is negated (a
 * multi-valued field such as `label` needs NOT EXISTS, not `<>`).
 *
 * Every node that can be wrong on its own carries the 1-based `column` where it starts in the query
 * text, so validation and evaluation errors can point at it.
 */

/** The comparison operators of cql.md's `op` rule, plus the two list operators. */
export type CqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in';

export const comparisonOperators = ['=', '!=', '>', '>=', '<', '<=', '~', '!~'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export const rangeOperators: readonly CqlOperator[] = ['>', '>=', '<', '<='];

/** A word, number or quoted string on the right of an operator; `text` has escapes already removed. */
export interface CqlLiteral {
  readonly kind: 'literal';
  readonly text: string;
  /** Quoted values keep reserved words and characters literally; `2014-09-01` vs `"2014-09-01"` alike. */
  readonly quoted: boolean;
  readonly column: number;
}

/** `name(arg, …)`; arguments are quoted strings or integers (cql.md `function`). */
export interface CqlFunctionCall {
  readonly kind: 'function';
  /** As written by the parser; validation replaces it with the canonical spelling (`currentUser`). */
  readonly name: string;
  readonly args: readonly CqlLiteral[];
  readonly column: number;
}

/** The parenthesised right-hand side of IN / NOT IN; functions may be mixed in (`(favouriteSpaces(), 'FS')`). */
export interface CqlValueList {
  readonly kind: 'list';
  readonly items: readonly (CqlLiteral | CqlFunctionCall)[];
  readonly column: number;
}

export type CqlValue = CqlLiteral | CqlFunctionCall | CqlValueList;

export interface CqlClause {
  readonly kind: 'clause';
  /** Lower-cased; after validation, the canonical field name (`sitesearch` → `text`, `content` → `id`). */
  readonly field: string;
  readonly operator: CqlOperator;
  /** A list only for `in` / `not in`; those operators may also take a single function. */
  readonly value: CqlValue;
  readonly column: number;
}

export interface CqlNot {
  readonly kind: 'not';
  readonly operand: CqlExpression;
}

/** `a AND b AND c` is one node with three operands; parentheses always start a new node. */
export interface CqlAnd {
  readonly kind: 'and';
  readonly operands: readonly CqlExpression[];
}

export interface CqlOr {
  readonly kind: 'or';
  readonly operands: readonly CqlExpression[];
}

export type CqlExpression = CqlOr | CqlAnd | CqlNot | CqlClause;

export type SortDirection = 'asc' | 'desc';

export interface CqlSortKey {
  /** Lower-cased; canonical after validation. */
  readonly field: string;
  /**
   * cql.md leaves an unwritten direction to "the field's natural order", which Atlassian does not
   * document per field; we take ascending for every sortable field, as SQL does.
   */
  readonly direction: SortDirection;
  readonly column: number;
}

export interface CqlQuery {
  readonly where: CqlExpression;
  readonly orderBy: readonly CqlSortKey[];
}

declare const validated: unique symbol;

/**
 * A query the validator (validate.ts) accepted: known fields and functions, operators each field takes,
 * values of the field's type, text matches on one literal, `type` from the known vocabulary. The SQL
 * compiler takes only this, so it refuses nothing itself; `currentSpace()` also needs the search
 * context (`requireCqlContext`).
 */
export type ValidCqlQuery = CqlQuery & { readonly [validated]: true };
