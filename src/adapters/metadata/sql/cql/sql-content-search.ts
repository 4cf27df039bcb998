import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { contentTypes } from '../../../../domain/content.ts';
import type { CqlExpression, CqlQuery, CqlSortKey, ValidCqlQuery } from '../../../../domain/cql/ast.ts';
import type { SearchEntity } from '../../../../domain/cql/entities.ts';
import type { Window } from '../../../../domain/paging.ts';
import type { ContentSearch, CqlSearchContext, SearchHit } from '../../../../ports/content-search.ts';
import { noCase, type SqlDialect, sortKey } from '../dialect.ts';
import type { Tables } from '../tables.ts';
import { visibleContent, visibleSpace } from '../visibility.ts';
import { compileSpaceWhere, compileUserWhere } from './compile-entity-where.ts';
import { compileWhere } from './compile-where.ts';
import { never } from './conditions.ts';

/**
 * CQL over the SQL metadata store. The whole query — the CQL condition, what the viewer may see and the
 * statuses asked for — compiles to one parameterised condition; one statement reads the page, and, only
 * when the page cannot tell the total, a second counts with the same condition. (A window count beside
 * each row would force SQLite to sort every match before LIMIT: 20 ms instead of 1 ms on a million items,
 * bench/cql-search.ts.)
 *
 * Without ORDER BY, results come newest change first (`lastmodified DESC`): Confluence's default is
 * relevance, which has no meaning for most structured queries (`type = attachment and container = 1`),
 * and clients that sync by date expect recent changes first. The id breaks ties so pages are stable.
 */

const sortColumns: Readonly<Record<string, string>> = {
  created: 'c.created_at_ms',
  lastmodified: 'c.updated_at_ms',
  title: 'c.title',
  filename: 'c.title',
  id: 'c.id',
  filesize: 'v.size_bytes',
};

/** ORDER BY the query's keys over `columns`, newest change first by default, ties broken by `tieBreak`. */
function orderByOf(
  keys: readonly CqlSortKey[],
  columns: Readonly<Record<string, string>>,
  tieBreak: (direction: 'ASC' | 'DESC') => RawBuilder<unknown>,
  dialect: SqlDialect,
): RawBuilder<unknown> {
  const terms = keys.map((key) => {
    const column = sql.ref(columns[key.field] ?? columns.id ?? 'id');
    const collated = key.field === 'title' || key.field === 'filename' ? noCase(dialect, column) : column;
    return sortKey(dialect, collated, key.direction);
  });
  if (keys.length === 0) terms.push(sql`${sql.ref(columns.lastmodified ?? 'id')} DESC`);
  const lastDirection = keys.length === 0 ? 'desc' : (keys[keys.length - 1]?.direction ?? 'asc');
  terms.push(tieBreak(lastDirection === 'desc' ? 'DESC' : 'ASC'));
  return sql.join(terms);
}

const byContentId = (direction: 'ASC' | 'DESC') => sql`c.id ${sql.raw(direction)}`;

// Fields read from the current version; other queries skip the join (a lookup per matching row).
const versionFields: ReadonlySet<string> = new Set(['filesize', 'mediatype', 'macro', 'mention']);

function mentions(expression: CqlExpression, fields: ReadonlySet<string>): boolean {
  switch (expression.kind) {
    case 'clause':
      return fields.has(expression.field);
    case 'not':
      return mentions(expression.operand, fields);
    case 'and':
    case 'or':
      return expression.operands.some((operand) => mentions(operand, fields));
  }
}

const needsVersion = (query: CqlQuery) =>
  mentions(query.where, versionFields) || query.orderBy.some((key) => key.field === 'filesize');

const typeField: ReadonlySet<string> = new Set(['type']);

/**
 * Folders, whiteboards, databases and Smart Links are found when a query names their type, as clients
 * written before they existed (`space = X`) expect pages, blog posts, comments and attachments only.
 * Custom content belongs to its app and is never a search result.
 */
function typeCondition(query: CqlQuery): RawBuilder<SqlBool> {
  return mentions(query.where, typeField)
    ? sql<SqlBool>`c.type <> 'custom'`
    : sql<SqlBool>`c.type IN (${sql.join([...contentTypes])})`;
}

/**
 * Attachments and comments share their container's trash: they count as `trashed` while it is, as the
 * content repository's `trashedWithContainer` filter has it. The trashed items are read once, as a list
 * (index `content_status`), rather than looked up for every row.
 */
function statusCondition(context: CqlSearchContext): RawBuilder<SqlBool> {
  const containerTrashed = sql<SqlBool>`coalesce(c.container_id IN (SELECT t.id FROM content t WHERE t.status = 'trashed'), false)`;
  const own = context.statuses.filter((status) => status !== 'trashed');
  const parts: RawBuilder<SqlBool>[] = [];
  if (own.length > 0) parts.push(sql<SqlBool>`(c.status IN (${sql.join(own)}) AND NOT ${containerTrashed})`);
  if (context.statuses.includes('trashed'))
    parts.push(sql<SqlBool>`(c.status = 'trashed' OR ${containerTrashed})`);
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** The two statements of a search: the page, and the count of every match (exported for the benchmark). */
export function compileSearch(
  query: ValidCqlQuery,
  context: CqlSearchContext,
  window: Window,
  dialect: SqlDialect,
) {
  const where = sql<SqlBool>`${compileWhere(query.where, context, dialect)} AND ${typeCondition(query)} AND ${visibleContent(context.viewer)} AND ${statusCondition(context)}`;
  const from = needsVersion(query)
    ? sql`content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.current_version`
    : sql`content c`;
  return {
    page: sql<{ id: number }>`SELECT c.id AS id FROM ${from} WHERE ${where}
      ORDER BY ${orderByOf(query.orderBy, sortColumns, byContentId, dialect)} LIMIT ${window.limit} OFFSET ${window.start}`,
    count: sql<{ total: number }>`SELECT count(*) AS total FROM ${from} WHERE ${where}`,
  };
}

// The columns every kind of hit shares, which ORDER BY reads (size only for attachments).
const hitSortColumns: Readonly<Record<string, string>> = {
  created: 'created',
  lastmodified: 'modified',
  title: 'title',
  filename: 'title',
  id: 'id',
  filesize: 'size',
};

const byHit = (direction: 'ASC' | 'DESC') => sql`entity ${sql.raw(direction)}, id ${sql.raw(direction)}`;

/**
 * Content, spaces and people in one ordered list, so `start`/`limit` page them together. Spaces are those
 * the viewer may see and that are current; people only for a signed-in viewer (Confluence shows no
 * profiles to anonymous users unless granted), and only active accounts.
 */
export function compileEntitySearch(
  query: ValidCqlQuery,
  context: CqlSearchContext,
  window: Window,
  entities: readonly SearchEntity[],
  dialect: SqlDialect,
) {
  const parts: RawBuilder<unknown>[] = [];
  const contentWhere = entities.includes('content') ? compileWhere(query.where, context, dialect) : never;
  if (contentWhere !== never) {
    const where = sql<SqlBool>`${contentWhere} AND ${visibleContent(context.viewer)} AND ${statusCondition(context)}`;
    const size = needsVersion(query) ? sql`v.size_bytes` : sql`NULL`;
    const from = needsVersion(query)
      ? sql`content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.current_version`
      : sql`content c`;
    parts.push(sql`SELECT 'content' AS entity, c.id AS id, c.created_at_ms AS created,
      c.updated_at_ms AS modified, c.title AS title, ${size} AS size FROM ${from} WHERE ${where}`);
  }
  const spaceWhere = entities.includes('space') ? compileSpaceWhere(query.where, context) : never;
  if (spaceWhere !== never) {
    const blocked = context.viewer.blockedSpaceIds ?? [];
    const reachable = blocked.length === 0 ? sql`1 = 1` : sql`s.id NOT IN (${sql.join(blocked)})`;
    parts.push(sql`SELECT 'space' AS entity, s.id AS id, s.created_at_ms AS created,
      s.updated_at_ms AS modified, s.name AS title, NULL AS size FROM spaces s
      WHERE ${spaceWhere} AND s.status = 'current' AND ${visibleSpace(context.viewer, 's.id')} AND ${reachable}`);
  }
  const userWhere = entities.includes('user') ? compileUserWhere(query.where, context) : never;
  if (userWhere !== never && context.viewer.userId !== null) {
    parts.push(sql`SELECT 'user' AS entity, u.id AS id, u.created_at_ms AS created,
      u.updated_at_ms AS modified, u.display_name AS title, NULL AS size FROM users u
      WHERE ${userWhere} AND u.active = 1`);
  }
  if (parts.length === 0) return null;
  const hits = sql.join(parts, sql` UNION ALL `);
  return {
    page: sql<{ entity: SearchEntity; id: number }>`SELECT entity, id FROM (${hits}) AS hits
      ORDER BY ${orderByOf(query.orderBy, hitSortColumns, byHit, dialect)} LIMIT ${window.limit} OFFSET ${window.start}`,
    count: sql<{ total: number }>`SELECT count(*) AS total FROM (${hits}) AS hits`,
  };
}

/** The page, and the total only when the page cannot tell it (see the module comment). */
async function runPaged<Row, Item>(
  db: Kysely<Tables>,
  statements: { page: RawBuilder<Row>; count: RawBuilder<{ total: number }> },
  window: Window,
  itemOf: (row: Row) => Item,
) {
  const page = await statements.page.execute(db);
  const items = page.rows.map(itemOf);
  // A page that is neither full nor past the end already says how many there are.
  if (items.length < window.limit && (items.length > 0 || window.start === 0)) {
    return { items, total: window.start + items.length };
  }
  const counted = await statements.count.execute(db);
  return { items, total: Number(counted.rows[0]?.total ?? 0) };
}

export function sqlContentSearch(db: Kysely<Tables>, dialect: SqlDialect): ContentSearch {
  return {
    search(query, context, window) {
      return runPaged(db, compileSearch(query, context, window, dialect), window, (row) => Number(row.id));
    },
    async searchEntities(query, context, window, entities) {
      const statements = compileEntitySearch(query, context, window, entities, dialect);
      if (statements === null) return { items: [], total: 0 };
      return runPaged(
        db,
        statements,
        window,
        (row): SearchHit => ({ entity: row.entity, id: Number(row.id) }),
      );
    },
  };
}
