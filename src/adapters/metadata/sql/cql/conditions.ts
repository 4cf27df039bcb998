import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CqlClause, CqlExpression, CqlFunctionCall, CqlLiteral } from '../../../../domain/cql/ast.ts';
import { dateBounds, resolveDateValue } from '../../../../domain/cql/dates.ts';
import { likePatternOf, textTermsOf } from '../../../../domain/cql/text-terms.ts';
import type { CqlSearchContext } from '../../../../ports/content-search.ts';

/**
 * The pieces every CQL compiler here shares (content in compile-where.ts, spaces and users in
 * compile-entity-where.ts): conditions that fold `always` and `never`, and value readers.
 */

export type Condition = RawBuilder<SqlBool>;

export const always: Condition = sql<SqlBool>`1 = 1`;
export const never: Condition = sql<SqlBool>`1 = 0`;

// `never` and `always` are dropped rather than written out: `c.space_id IN (…) OR 1 = 0` would keep SQLite
// from answering the first half from an index.
export function anyOf(conditions: Condition[]): Condition {
  const live = conditions.filter((condition) => condition !== never);
  if (live.some((condition) => condition === always)) return always;
  if (live.length === 0) return never;
  return balanced(live, sql` OR `);
}

export function allOf(conditions: Condition[]): Condition {
  const live = conditions.filter((condition) => condition !== always);
  if (live.some((condition) => condition === never)) return never;
  if (live.length === 0) return always;
  return balanced(live, sql` AND `);
}

/**
 * `a OR b OR c …` as a balanced tree of parentheses. SQLite parses a flat chain into a tree as deep as
 * the chain is long and refuses one past 1,000 levels ("Expression tree is too large"), so a CQL query of
 * 1,000 clauses joined by OR answered 500; balanced, the depth is the logarithm of the count.
 */
const widestChain = 8;
function balanced(conditions: Condition[], joiner: RawBuilder<unknown>): Condition {
  if (conditions.length === 1 && conditions[0]) return conditions[0];
  if (conditions.length <= widestChain) return sql<SqlBool>`(${sql.join(conditions, joiner)})`;
  const size = Math.ceil(conditions.length / widestChain);
  const groups: Condition[] = [];
  for (let at = 0; at < conditions.length; at += size)
    groups.push(balanced(conditions.slice(at, at + size), joiner));
  return balanced(groups, joiner);
}

// A comparison with a NULL column is NULL, which a positive context already treats as false; only
// negation needs it made false first, so that `creator != bob` keeps content without a creator.
export const not = (condition: Condition): Condition =>
  condition === never
    ? always
    : condition === always
      ? never
      : sql<SqlBool>`NOT coalesce(${condition}, false)`;

export type Single = CqlLiteral | CqlFunctionCall;

export const singlesOf = (clause: CqlClause): Single[] =>
  clause.value.kind === 'list' ? [...clause.value.items] : [clause.value];

// The compilers take only a validated query (domain/cql/validate.ts): a text match or a size comes with
// one literal, an equality field without functions with literals only, a date never as a list. The
// fallbacks below therefore never run; they keep the readers total rather than refuse anything here.

export function literalOf(clause: CqlClause): CqlLiteral {
  const { value } = clause;
  return value.kind === 'literal'
    ? value
    : { kind: 'literal', text: '', quoted: false, column: value.column };
}

export const literals = (values: Single[]): string[] =>
  values.flatMap((value) => (value.kind === 'literal' ? [value.text] : []));

/** The viewer's id for `currentUser()`, or names to look up; anonymous `currentUser()` is nobody. */
export function usersMatching(values: Single[], context: CqlSearchContext): Condition {
  const ids = values.flatMap((value) =>
    value.kind === 'function' && context.viewer.userId !== null ? [context.viewer.userId] : [],
  );
  const names = values.flatMap((value) => (value.kind === 'literal' ? [value.text] : []));
  const byName =
    names.length === 0
      ? never
      : sql<SqlBool>`(u.username IN (${sql.join(names)}) OR u.user_key IN (${sql.join(names)}) OR u.account_id IN (${sql.join(names)}))`;
  const byId = ids.length === 0 ? never : sql<SqlBool>`u.id IN (${sql.join(ids)})`;
  return anyOf([byName, byId]);
}

export function spaceKeysOf(values: Single[], context: CqlSearchContext): { keys: string[]; ids: number[] } {
  const keys: string[] = [];
  const ids: number[] = [];
  for (const value of values) {
    if (value.kind === 'literal') keys.push(value.text.toUpperCase());
    // The search service has refused `currentSpace()` without a space (requireCqlContext).
    else if (value.name === 'currentSpace')
      keys.push(...(context.spaceKey === undefined ? [] : [context.spaceKey.toUpperCase()]));
    else if (value.name === 'favouriteSpaces') ids.push(...context.favouriteSpaceIds);
    else ids.push(...context.recentlyViewedSpaceIds);
  }
  return { keys, ids };
}

export const inList = (column: string, values: readonly (string | number)[]): Condition =>
  values.length === 0 ? never : sql<SqlBool>`${sql.ref(column)} IN (${sql.join([...values])})`;

/** `created` and `lastmodified` against the entity's own columns of those instants. */
export function dateClause(
  clause: CqlClause,
  context: CqlSearchContext,
  columns: { created: string; lastmodified: string },
): Condition {
  const value = clause.value;
  if (value.kind === 'list') return never;
  const bounds = dateBounds(clause.operator, resolveDateValue(value, context.nowMs));
  const column = sql.ref(clause.field === 'created' ? columns.created : columns.lastmodified);
  const parts: Condition[] = [];
  if (bounds.fromMs !== null) parts.push(sql<SqlBool>`${column} >= ${bounds.fromMs}`);
  if (bounds.untilMs !== null) parts.push(sql<SqlBool>`${column} < ${bounds.untilMs}`);
  const within = allOf(parts);
  return bounds.negated ? not(within) : within;
}

/** Walks AND, OR and NOT, leaving each clause to the entity's own compiler. */
export function compileExpression(
  expression: CqlExpression,
  compileClause: (clause: CqlClause) => Condition,
): Condition {
  switch (expression.kind) {
    case 'and':
      return allOf(expression.operands.map((operand) => compileExpression(operand, compileClause)));
    case 'or':
      return anyOf(expression.operands.map((operand) => compileExpression(operand, compileClause)));
    case 'not':
      return not(compileExpression(expression.operand, compileClause));
    case 'clause':
      return compileClause(expression);
  }
}

/**
 * Text matched without the index, for the few names not in it (space names, people's names): every term
 * occurs, case-insensitively, in one of `columns`.
 */
export function everyTermIn(value: string, columns: readonly string[]): Condition {
  const terms = textTermsOf(value);
  if (terms.length === 0) return never;
  return allOf(
    terms.map((term) => {
      const pattern = `%${likePatternOf(term.words.join(' '))}%`;
      return anyOf(
        columns.map((column) => sql<SqlBool>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`),
      );
    }),
  );
}
