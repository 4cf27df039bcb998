import { contentTypes, treeContentTypes } from '../content.ts';
import { badRequest } from '../errors.ts';
import type {
  CqlClause,
  CqlExpression,
  CqlFunctionCall,
  CqlLiteral,
  CqlOperator,
  CqlQuery,
  CqlSortKey,
  CqlValue,
  ValidCqlQuery,
} from './ast.ts';
import { dateLiteralFormats, incrementHint, parseDateLiteral, parseIncrement } from './dates.ts';
import {
  type CqlFieldDefinition,
  type CqlScope,
  cqlFields,
  lookupCqlField,
  lookupCqlFunction,
} from './fields.ts';
import { parseCqlSyntax } from './parser.ts';

/**
 * Checks a parsed query against the field and function tables (`fields.ts`, from reference/cql.md §2–3)
 * and returns it in canonical form: field aliases resolved (`siteSearch` → `text`, `content` → `id`) and
 * function names spelled as cql.md does (`currentuser` → `currentUser`). Every refusal is a 400 naming
 * the field, operator, function or value, with `details.position` at its column.
 *
 * A query whose first clause is negative (`label != x` alone, `NOT type = page`) is accepted. Atlassian
 * refuses it (cql.md §1) because its Lucene index cannot answer a purely negative query; our SQL can, the
 * answer is well defined (everything visible except the matches), and no client written against
 * Confluence can rely on the refusal, since the query would be useless to it.
 */

/** Lexes, parses and validates CQL text; the one entry point for callers. */
export function parseCql(text: string, scope: CqlScope = 'site'): ValidCqlQuery {
  return validateCql(parseCqlSyntax(text), scope);
}

export function validateCql(query: CqlQuery, scope: CqlScope = 'site'): ValidCqlQuery {
  const valid: CqlQuery = {
    where: validateExpression(query.where, scope),
    orderBy: query.orderBy.map(validateSortKey),
  };
  return valid as ValidCqlQuery;
}

/** `currentSpace()` stands for `cqlcontext.spaceKey`, so a query using it needs one. */
export function requireCqlContext(query: ValidCqlQuery, spaceKey: string | undefined): void {
  if (spaceKey !== undefined) return;
  const call = functionCallsOf(query.where).find((each) => each.name === 'currentSpace');
  if (call !== undefined) {
    throw badRequest(
      `currentSpace() needs a space: pass cqlcontext={"spaceKey":"KEY"} (column ${call.column})`,
      at(call.column),
    );
  }
}

function functionCallsOf(expression: CqlExpression): CqlFunctionCall[] {
  switch (expression.kind) {
    case 'clause': {
      const { value } = expression;
      const values = value.kind === 'list' ? value.items : [value];
      return values.filter((each): each is CqlFunctionCall => each.kind === 'function');
    }
    case 'not':
      return functionCallsOf(expression.operand);
    case 'and':
    case 'or':
      return expression.operands.flatMap(functionCallsOf);
  }
}

const at = (column: number) => ({ position: column });

const operatorName = (operator: CqlOperator) => operator.toUpperCase();

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function validateExpression(expression: CqlExpression, scope: CqlScope): CqlExpression {
  switch (expression.kind) {
    case 'clause':
      return validateClause(expression, scope);
    case 'not':
      return { kind: 'not', operand: validateExpression(expression.operand, scope) };
    case 'and':
    case 'or':
      return {
        kind: expression.kind,
        operands: expression.operands.map((operand) => validateExpression(operand, scope)),
      };
  }
}

function fieldOf(name: string, column: number, scope: CqlScope = 'site'): CqlFieldDefinition {
  const definition = lookupCqlField(name, scope);
  if (definition === undefined) throw badRequest(`Unknown field "${name}" at column ${column}`, at(column));
  return definition;
}

function validateClause(clause: CqlClause, scope: CqlScope): CqlClause {
  const field = fieldOf(clause.field, clause.column, scope);
  if (!field.operators.includes(clause.operator)) {
    throw badRequest(
      `Field "${clause.field}" does not support "${operatorName(clause.operator)}" at column ${clause.column}: ` +
        `use ${listWords(field.operators.map(operatorName))}`,
      { ...at(clause.column), field: field.name, operator: clause.operator },
    );
  }
  const value = validateValue(field, clause, clause.value);
  // `user ~ currentUser()` passes the tables, but a text match needs words to look for.
  if ((clause.operator === '~' || clause.operator === '!~') && value.kind !== 'literal') {
    throw badRequest(`Field "${clause.field}" needs a text value at column ${clause.column}`, {
      position: clause.column,
    });
  }
  if (field.type === 'date' && value.kind === 'list') {
    throw badRequest(`A date cannot be a list at column ${value.column}`);
  }
  // Content search compiles every `type`; the user search reads only `type = user` and ignores the rest.
  if (field.name === 'type' && scope === 'site') knownTypesOnly(value);
  return { ...clause, field: field.name, value };
}

// Cloud's tree types are found only when asked for by type; spaces and users are `/rest/api/search` hits
// of their own, never content.
const searchableTypes: readonly string[] = [...contentTypes, ...treeContentTypes, 'space', 'user'];

function knownTypesOnly(value: CqlValue): void {
  const values = value.kind === 'list' ? value.items : [value];
  const unknown = values.find(
    (each) => each.kind === 'literal' && !searchableTypes.includes(each.text.toLowerCase()),
  );
  if (unknown !== undefined) {
    throw badRequest(
      `Unknown content type "${unknown.kind === 'literal' ? unknown.text : unknown.name}" for field "type" at column ${unknown.column}: use page, blogpost, comment, attachment, space or user`,
      { position: unknown.column },
    );
  }
}

function validateValue(field: CqlFieldDefinition, clause: CqlClause, value: CqlValue): CqlValue {
  switch (value.kind) {
    case 'list':
      return { ...value, items: value.items.map((item) => validateSingle(field, clause, item)) };
    case 'literal':
    case 'function':
      return validateSingle(field, clause, value);
  }
}

function validateSingle(
  field: CqlFieldDefinition,
  clause: CqlClause,
  value: CqlLiteral | CqlFunctionCall,
): CqlLiteral | CqlFunctionCall {
  return value.kind === 'function'
    ? validateFunction(field, clause, value)
    : validateLiteral(field, clause.field, value);
}

function validateFunction(
  field: CqlFieldDefinition,
  clause: CqlClause,
  call: CqlFunctionCall,
): CqlFunctionCall {
  const where = at(call.column);
  const definition = lookupCqlFunction(call.name);
  if (definition === undefined) {
    throw badRequest(`Unknown function "${call.name}()" at column ${call.column}`, where);
  }
  const name = definition.name;
  if (!field.functions.includes(name)) {
    throw badRequest(
      `Function "${name}()" cannot be used with field "${clause.field}" at column ${call.column}`,
      where,
    );
  }
  const listOperator = clause.operator === 'in' || clause.operator === 'not in';
  if (definition.returnsList && !listOperator) {
    throw badRequest(
      `Function "${name}()" returns several values: use it with IN or NOT IN, not "${operatorName(clause.operator)}", at column ${call.column}`,
      where,
    );
  }
  const count = call.args.length;
  if (count < definition.minArgs || count > definition.maxArgs) {
    throw badRequest(
      `Function "${name}()" takes ${arityText(definition.minArgs, definition.maxArgs)}, not ${count}, at column ${call.column}`,
      where,
    );
  }
  call.args.forEach((arg, index) => {
    if (definition.argument === 'increment' && parseIncrement(arg.text) === null) {
      throw badRequest(
        `Invalid increment "${arg.text}" for ${name}() at column ${arg.column}: ${incrementHint}`,
        at(arg.column),
      );
    }
    if (definition.argument === 'whole-number' && !isWholeNumber(arg.text)) {
      throw badRequest(
        `Argument ${index + 1} of ${name}() must be a whole number, not "${arg.text}", at column ${arg.column}`,
        at(arg.column),
      );
    }
  });
  return { ...call, name };
}

function arityText(min: number, max: number): string {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (max === 0) return 'no arguments';
  if (min === max) return `${min} ${plural(min)}`;
  if (min === 0) return `at most ${max} ${plural(max)}`;
  return `${min} to ${max} arguments`;
}

const isWholeNumber = (text: string) => /^[0-9]{1,15}$/.test(text);

// cql.md: ids are accepted as `att123` for attachments (Cloud) or the bare number (DC) [decision].
const contentId = /^(?:att)?[0-9]{1,15}$/i;

function validateLiteral(field: CqlFieldDefinition, written: string, literal: CqlLiteral): CqlLiteral {
  const { text, column } = literal;
  const refuse = (what: string, hint: string) =>
    badRequest(`Invalid ${what} "${text}" for field "${written}" at column ${column}: ${hint}`, at(column));
  if (field.type === 'date' && parseDateLiteral(text) === null) {
    throw refuse('date', `use ${dateLiteralFormats}, or a date function such as now("-4w")`);
  }
  if (field.type === 'number' && !isWholeNumber(text)) {
    throw refuse('number', 'expected a whole number such as 1048576');
  }
  if (field.type === 'content' && !contentId.test(text)) {
    throw refuse('content id', 'expected a number such as 123, or att123 for an attachment');
  }
  return literal;
}

function validateSortKey(key: CqlSortKey): CqlSortKey {
  const field = fieldOf(key.field, key.column);
  if (!field.sortable) {
    const sortable = [...cqlFields.values()].filter((each) => each.sortable).map((each) => each.name);
    throw badRequest(
      `Cannot order by "${key.field}" at column ${key.column}: sortable fields are ${listWords(sortable)}`,
      at(key.column),
    );
  }
  return { ...key, field: field.name };
}
