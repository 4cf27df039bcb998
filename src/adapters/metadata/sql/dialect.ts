import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { ftsExpressionOf, type TextTerm } from '../../../domain/cql/text-terms.ts';
import { tsQueryOf } from './postgres-text.ts';

export type SqlDialect = 'sqlite' | 'postgres';

/*
 * The few places where SQLite and PostgreSQL need different SQL for the same meaning. Everything else is
 * written once, in SQL both accept (`false` rather than `0` as a condition, `instr`, which migration 0003
 * defines on PostgreSQL). The PostgreSQL database's collation is expected to be C (byte order, as SQLite's
 * BINARY; docs/configuration.md), so plain ORDER BY agrees on both.
 */

/** Ordered without regard to ASCII case, as SQLite's NOCASE collation does. */
export function noCase(dialect: SqlDialect, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`${column} COLLATE NOCASE` : sql`lower(${column})`;
}

/** A sort key with SQLite's NULL placement (first when ascending, last when descending) on both. */
export function sortKey(
  dialect: SqlDialect,
  expression: RawBuilder<unknown>,
  direction: 'asc' | 'desc',
): RawBuilder<unknown> {
  if (dialect === 'sqlite') return direction === 'desc' ? sql`${expression} DESC` : sql`${expression} ASC`;
  return direction === 'desc' ? sql`${expression} DESC NULLS LAST` : sql`${expression} ASC NULLS FIRST`;
}

/**
 * Content `c` whose full-text row holds the terms, in `columns` (title, filename) when given; null when
 * there is nothing to search for.
 */
export function fullTextMatch(
  dialect: SqlDialect,
  terms: readonly TextTerm[],
  columns: readonly ('title' | 'filename')[],
): RawBuilder<SqlBool> | null {
  if (dialect === 'sqlite') {
    const expression = ftsExpressionOf(terms, columns);
    if (expression === null) return null;
    return sql<SqlBool>`c.id IN (SELECT rowid FROM content_text WHERE content_text MATCH ${expression})`;
  }
  const query = tsQueryOf(terms, columns);
  if (query === null) return null;
  return sql<SqlBool>`c.id IN (SELECT t.content_id FROM content_text t WHERE t.document @@ to_tsquery('simple', ${query}))`;
}
