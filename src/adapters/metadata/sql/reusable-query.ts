import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * A query whose shape never changes, built once (with placeholder values) and then run with the real
 * ones, in the order the built query takes them. Building a Kysely query costs more than SQLite takes to
 * answer a lookup by key, and the hottest paths (every upload, every request's sign-in) make several.
 */
export function reusableQuery<Row>(db: Kysely<Tables>, build: () => Compilable<Row>) {
  let compiledSql: string | undefined;
  return async (...parameters: unknown[]): Promise<Row | undefined> => {
    compiledSql ??= build().compile().sql;
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(compiledSql, parameters));
    return rows[0];
  };
}
