import { type SqlBool, sql } from 'kysely';
import type { CqlClause, CqlExpression } from '../../../../domain/cql/ast.ts';
import { likePatternOf, textTermsOf } from '../../../../domain/cql/text-terms.ts';
import type { CqlSearchContext } from '../../../../ports/content-search.ts';
import { fullTextMatch, type SqlDialect } from '../dialect.ts';
import {
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
 * Compiles a validated CQL condition into one SQL boolean over `content c` joined with its current
 * version `v` (reference/cql.md §2). Every value is a bound parameter of the `sql` template; column
 * names are fixed here. A predicate over a nullable column may be NULL; `not` reads NULL as false,
 * so `!=`, `NOT IN` and `NOT` are negations of "matches" — and the positive forms stay plain enough for
 * SQLite to answer them from indexes (`c.space_id IN (…)`, `c.container_id = ?`).
 */

export function compileWhere(
  expression: CqlExpression,
  context: CqlSearchContext,
  dialect: SqlDialect,
): Condition {
  return compileExpression(expression, (clause) => compileClause(clause, context, dialect));
}

function compileClause(clause: CqlClause, context: CqlSearchContext, dialect: SqlDialect): Condition {
  const { operator } = clause;
  if (clause.field === 'created' || clause.field === 'lastmodified')
    return dateClause(clause, context, { created: 'c.created_at_ms', lastmodified: 'c.updated_at_ms' });
  if (clause.field === 'filesize') return fileSizeClause(clause);
  if (operator === '~' || operator === '!~') {
    const matches = textMatch(clause.field, literalOf(clause).text, dialect);
    return operator === '~' ? matches : not(matches);
  }
  const matches = matchAny(clause, singlesOf(clause), context);
  return operator === '!=' || operator === 'not in' ? not(matches) : matches;
}

function fileSizeClause(clause: CqlClause): Condition {
  const bytes = Number(literalOf(clause).text);
  const size = sql.ref('v.size_bytes');
  const compare: Record<string, Condition> = {
    '=': sql<SqlBool>`${size} = ${bytes}`,
    '!=': sql<SqlBool>`${size} = ${bytes}`,
    '>': sql<SqlBool>`${size} > ${bytes}`,
    '>=': sql<SqlBool>`${size} >= ${bytes}`,
    '<': sql<SqlBool>`${size} < ${bytes}`,
    '<=': sql<SqlBool>`${size} <= ${bytes}`,
  };
  const condition = compare[clause.operator] ?? never;
  const matches = sql<SqlBool>`(${size} IS NOT NULL AND ${condition})`;
  return clause.operator === '!=' ? not(matches) : matches;
}

/** Content whose full-text row matches; `columns` narrows to some of title, body, labels, filename. */
function ftsMatch(value: string, columns: readonly ('title' | 'filename')[], dialect: SqlDialect): Condition {
  return fullTextMatch(dialect, textTermsOf(value), columns) ?? never;
}

// A leading `*` asks for a suffix (`title !~ "*.png"`, cql.md [obs]), which a token index cannot answer.
const leadingWildcard = (value: string) => value.trimStart().startsWith('*');

function textMatch(field: string, value: string, dialect: SqlDialect): Condition {
  switch (field) {
    case 'text':
      return ftsMatch(value, [], dialect);
    case 'title':
      return leadingWildcard(value)
        ? sql<SqlBool>`lower(c.title) LIKE ${likePatternOf(value)} ESCAPE '\\'`
        : ftsMatch(value, ['title'], dialect);
    case 'filename':
      return leadingWildcard(value)
        ? sql<SqlBool>`(c.type = 'attachment' AND lower(c.title) LIKE ${likePatternOf(value)} ESCAPE '\\')`
        : ftsMatch(value, ['filename'], dialect);
    case 'space.title': {
      // Space names are few and not in the text index: every term must occur in the name.
      const named = everyTermIn(value, ['s.name']);
      if (named === never) return never;
      return sql<SqlBool>`(c.space_id IS NOT NULL AND c.space_id IN (SELECT s.id FROM spaces s WHERE ${named}))`;
    }
    // Validation lets `~` reach only the fields above (domain/cql/fields.ts).
    default:
      return never;
  }
}

/** A quoted title may carry its own inner quotes (Cloud examples: `title = "\"Advanced Searching\""`). */
const unquoted = (text: string) =>
  text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;

function contentIdsOf(values: Single[], context: CqlSearchContext): number[] {
  return values.flatMap((value) =>
    value.kind === 'function'
      ? [...context.recentlyViewedContentIds]
      : [Number(value.text.replace(/^att/i, ''))],
  );
}

/** `field = v1 OR field = v2 …` for the equality fields; negations are applied by the caller. */
function matchAny(clause: CqlClause, values: Single[], context: CqlSearchContext): Condition {
  switch (clause.field) {
    case 'type':
      // Validation has refused the types no search knows.
      return inList(
        'c.type',
        literals(values).map((type) => type.toLowerCase()),
      );
    case 'space': {
      const { keys, ids } = spaceKeysOf(values, context);
      const byKey =
        keys.length === 0
          ? never
          : sql<SqlBool>`c.space_id IN (SELECT s.id FROM spaces s WHERE upper(s.space_key) IN (${sql.join(keys)}))`;
      return anyOf([byKey, inList('c.space_id', ids)]);
    }
    case 'space.key': {
      const keys = literals(values).map((key) => key.toUpperCase());
      return sql<SqlBool>`c.space_id IN (SELECT s.id FROM spaces s WHERE upper(s.space_key) IN (${sql.join(keys)}))`;
    }
    case 'space.type': {
      const types = literals(values).map((type) => type.toLowerCase());
      const favourite = types.some((type) => type === 'favourite' || type === 'favorite');
      const stored = types.filter((type) => type === 'global' || type === 'personal');
      const byType =
        stored.length === 0
          ? never
          : sql<SqlBool>`c.space_id IN (SELECT s.id FROM spaces s WHERE s.type IN (${sql.join(stored)}))`;
      const byFavourite = favourite ? inList('c.space_id', context.favouriteSpaceIds) : never;
      return sql<SqlBool>`(c.space_id IS NOT NULL AND ${anyOf([byType, byFavourite])})`;
    }
    // Tributary keeps no space categories, page status lozenges or favourites (docs/cql-search.md).
    case 'space.category':
    case 'pagestatus':
    case 'favourite':
      return never;
    case 'title':
      return anyOf(
        literals(values).map((title) => sql<SqlBool>`lower(c.title) = ${unquoted(title).toLowerCase()}`),
      );
    case 'filename':
      return sql<SqlBool>`(c.type = 'attachment' AND lower(c.title) IN (${sql.join(
        literals(values).map((name) => unquoted(name).toLowerCase()),
      )}))`;
    case 'label': {
      // A bare name is a global label (cql.md); `my:` labels are the viewer's own, seen by no one else.
      const each = literals(values).map((label) => {
        const [, prefix = 'global', name = ''] =
          /^(?:(global|my|team):)?(.*)$/s.exec(label.toLowerCase()) ?? [];
        const owner =
          prefix === 'my' ? sql<SqlBool>` AND cl.owner_id = ${context.viewer.userId ?? -1}` : sql``;
        return sql<SqlBool>`(l.prefix = ${prefix} AND l.name = ${name}${owner})`;
      });
      return sql<SqlBool>`c.id IN (SELECT cl.content_id FROM content_labels cl JOIN labels l ON l.id = cl.label_id WHERE ${anyOf(each)})`;
    }
    case 'macro': {
      const needles = literals(values).map((name) => `ac:name="${name.toLowerCase()}"`);
      const each = needles.map((needle) => sql<SqlBool>`instr(lower(v.body_value), ${needle}) > 0`);
      return sql<SqlBool>`(v.body_value IS NOT NULL AND ${anyOf(each)})`;
    }
    case 'mediatype': {
      const types = literals(values).map((type) => type.toLowerCase());
      return sql<SqlBool>`(v.media_type IS NOT NULL AND lower(v.media_type) IN (${sql.join(types)}))`;
    }
    case 'creator':
      return sql<SqlBool>`(c.creator_id IS NOT NULL AND c.creator_id IN (SELECT u.id FROM users u WHERE ${usersMatching(values, context)}))`;
    case 'contributor':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM users u WHERE ${usersMatching(values, context)} AND (u.id = c.creator_id OR EXISTS (SELECT 1 FROM content_versions cv WHERE cv.content_id = c.id AND cv.author_id = u.id)))`;
    case 'watcher':
      return sql<SqlBool>`c.id IN (SELECT w.content_id FROM watches w JOIN users u ON u.id = w.user_id WHERE w.content_id IS NOT NULL AND ${usersMatching(values, context)})`;
    case 'mention':
      // Storage format mentions a user as <ri:user ri:userkey="…"/> (DC) or ri:account-id="…" (Cloud).
      return sql<SqlBool>`(v.body_value IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE ${usersMatching(values, context)} AND (instr(v.body_value, 'ri:userkey="' || u.user_key || '"') > 0 OR instr(v.body_value, 'ri:account-id="' || u.account_id || '"') > 0 OR instr(v.body_value, 'ri:username="' || u.username || '"') > 0)))`;
    case 'id':
      return inList('c.id', contentIdsOf(values, context));
    case 'parent':
      return inList('c.parent_id', contentIdsOf(values, context));
    case 'container':
      return inList('c.container_id', contentIdsOf(values, context));
    case 'ancestor': {
      const ids = contentIdsOf(values, context);
      if (ids.length === 0) return never;
      // Everything below the given items, through page parents and containers (attachments, comments);
      // one recursive step, as PostgreSQL allows a recursive query to name itself only once.
      return sql<SqlBool>`c.id IN (WITH RECURSIVE below(id) AS (
          SELECT d.id FROM content d WHERE d.parent_id IN (${sql.join(ids)})
          UNION SELECT d.id FROM content d WHERE d.container_id IN (${sql.join(ids)})
          UNION SELECT d.id FROM content d JOIN below b ON d.parent_id = b.id OR d.container_id = b.id
        ) SELECT id FROM below)`;
    }
    // The user search's fields never reach content: searchUsers searches people alone.
    default:
      return never;
  }
}
