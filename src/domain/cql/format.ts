import type { CqlExpression, CqlFunctionCall, CqlLiteral, CqlQuery, CqlValue } from './ast.ts';

/**
 * A query written back as CQL text in one normal form: keywords upper-case, one space between tokens,
 * parentheses exactly where the tree has them, sort directions explicit. Search responses echo it as
 * `cqlQuery` (cql.md §4: "echoes the (normalised) query"); parsing the output gives the same tree.
 */
export function formatCql(query: CqlQuery): string {
  const where = formatExpression(query.where);
  if (query.orderBy.length === 0) return where;
  const keys = query.orderBy.map((key) => `${key.field} ${key.direction.toUpperCase()}`);
  return `${where} ORDER BY ${keys.join(', ')}`;
}

function formatExpression(expression: CqlExpression): string {
  switch (expression.kind) {
    case 'clause':
      return `${expression.field} ${expression.operator.toUpperCase()} ${formatValue(expression.value)}`;
    case 'not':
      return `NOT ${grouped(expression.operand, (kind) => kind === 'and' || kind === 'or')}`;
    case 'and':
      return expression.operands
        .map((operand) => grouped(operand, (kind) => kind === 'and' || kind === 'or'))
        .join(' AND ');
    case 'or':
      return expression.operands.map((operand) => grouped(operand, (kind) => kind === 'or')).join(' OR ');
  }
}

/** The operand in parentheses when `needs` says its kind would otherwise bind differently. */
function grouped(operand: CqlExpression, needs: (kind: CqlExpression['kind']) => boolean): string {
  const text = formatExpression(operand);
  return needs(operand.kind) ? `(${text})` : text;
}

function formatValue(value: CqlValue): string {
  if (value.kind === 'list') return `(${value.items.map(formatValue).join(', ')})`;
  if (value.kind === 'function') return formatFunction(value);
  return formatLiteral(value);
}

function formatFunction(call: CqlFunctionCall): string {
  return `${call.name}(${call.args.map(formatLiteral).join(', ')})`;
}

// An unquoted literal was a valid word when parsed, so it is written back as it came; a quoted one is
// written with double quotes, escaping the two characters the lexer reads escapes for.
function formatLiteral(literal: CqlLiteral): string {
  if (!literal.quoted) return literal.text;
  return `"${literal.text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}
