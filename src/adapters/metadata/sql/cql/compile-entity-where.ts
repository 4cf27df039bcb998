import { type SqlBool, sql } from 'kysely';
import type { CqlClause, CqlExpression } from '../../../../domain/cql/ast.ts';
import type { CqlSearchContext } from '../../../../ports/content-search.ts';
import {
  always,
  anyOf,
  type Condition,
  compileExpression,
  dateClause,
  everyTermIn,
  inList,
  literalOf,
  literals,
  never,
  not,
  type Single,
  singlesOf,
  spaceKeysOf,
  usersMatching,
} from './conditions.ts';

/**
 * CQL over the other things `/rest/api/search` finds: spaces (`spaces s`) and people (`users u`). Each
 * field means what it says of a space or a person — `title` is the space's name or the person's full name,
 * `space` a space's own key, `creator` who created the space — and a field that says nothing of them
 * (`label`, `ancestor`, `mediaType`…) matches none, so its negation matches all, as a field missing from
 * a Lucene document does in Confluence.
 */

interface EntityFields {
  /** `~` on a text field: the columns its words are looked for in, or none when it says nothing here. */
  text(field: string): readonly string[];
  /** `=` / `IN` on the other fields. */
  equals(clause: CqlClause, values: Single[], context: CqlSearchContext): Condition;
  dates: { created: string; lastmodified: string };
}

function compileFor(fields: EntityFields, expression: CqlExpression, context: CqlSearchContext): Condition {
  return compileExpression(expression, (clause) => {
    if (clause.field === 'created' || clause.field === 'lastmodified') {
      return dateClause(clause, context, fields.dates);
    }
    if (clause.operator === '~' || clause.operator === '!~') {
      const columns = fields.text(clause.field);
      const matches = columns.length === 0 ? never : everyTermIn(literalOf(clause).text, columns);
      return clause.operator === '~' ? matches : not(matches);
    }
    const matches = fields.equals(clause, singlesOf(clause), context);
    return clause.operator === '!=' || clause.operator === 'not in' ? not(matches) : matches;
  });
}

const isType = (values: Single[], type: string) =>
  literals(values).some((value) => value.toLowerCase() === type) ? always : never;

/** A quoted title may carry its own inner quotes, as on content (compile-where.ts). */
const titlesOf = (values: Single[]) =>
  literals(values).map((title) =>
    (title.length >= 2 && title.startsWith('"') && title.endsWith('"')
      ? title.slice(1, -1)
      : title
    ).toLowerCase(),
  );

const keysIn = (keys: readonly string[]): Condition =>
  keys.length === 0 ? never : sql<SqlBool>`upper(s.space_key) IN (${sql.join([...keys])})`;

const spaceFields: EntityFields = {
  text: (field) =>
    field === 'text'
      ? ['s.name', 's.description']
      : field === 'title' || field === 'space.title'
        ? ['s.name']
        : [],
  equals(clause, values, context) {
    switch (clause.field) {
      case 'type':
        return isType(values, 'space');
      case 'space': {
        const { keys, ids } = spaceKeysOf(values, context);
        return anyOf([keysIn(keys), inList('s.id', ids)]);
      }
      case 'space.key':
        return keysIn(literals(values).map((key) => key.toUpperCase()));
      case 'space.type': {
        const types = literals(values).map((type) => type.toLowerCase());
        const favourite = types.some((type) => type === 'favourite' || type === 'favorite');
        const stored = types.filter((type) => type === 'global' || type === 'personal');
        return anyOf([
          inList('s.type', stored),
          favourite ? inList('s.id', context.favouriteSpaceIds) : never,
        ]);
      }
      case 'title':
        return sql<SqlBool>`lower(s.name) IN (${sql.join(titlesOf(values))})`;
      case 'creator':
        return sql<SqlBool>`(s.creator_id IS NOT NULL AND s.creator_id IN (SELECT u.id FROM users u WHERE ${usersMatching(values, context)}))`;
      default:
        return never;
    }
  },
  dates: { created: 's.created_at_ms', lastmodified: 's.updated_at_ms' },
};

const userFields: EntityFields = {
  text: (field) =>
    field === 'user.fullname'
      ? ['u.display_name']
      : ['title', 'text', 'user'].includes(field)
        ? ['u.display_name', 'u.username']
        : [],
  equals(clause, values, context) {
    switch (clause.field) {
      case 'type':
        return isType(values, 'user');
      case 'user':
      case 'user.accountid':
      case 'user.userkey':
        return usersMatching(values, context);
      case 'title':
        return sql<SqlBool>`lower(u.display_name) IN (${sql.join(titlesOf(values))})`;
      default:
        return never;
    }
  },
  dates: { created: 'u.created_at_ms', lastmodified: 'u.updated_at_ms' },
};

/** The CQL condition over `spaces s`. */
export const compileSpaceWhere = (expression: CqlExpression, context: CqlSearchContext) =>
  compileFor(spaceFields, expression, context);

/** The CQL condition over `users u`. */
export const compileUserWhere = (expression: CqlExpression, context: CqlSearchContext) =>
  compileFor(userFields, expression, context);
