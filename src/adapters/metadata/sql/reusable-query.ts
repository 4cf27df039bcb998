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

/**
 * An insert of rows that always have the same columns in the same order (made by one function), built
 * from the first row and run with each row's values after that. Rows hold no `undefined`: Kysely would
 * leave such a column out, and the values would no longer line up with the built statement.
 */
export function reusableInsert<Values extends Record<string, unknown>, Row>(
  db: Kysely<Tables>,
  build: (values: Values) => Compilable<Row>,
) {
  let built: { sql: string; columns: string } | undefined;
  return async (values: Values): Promise<Row | undefined> => {
    const columns = Object.keys(values).join();
    if (!built) {
      const { sql, parameters } = build(values).compile();
      if (parameters.length !== Object.keys(values).length) {
        throw new Error(`A reusable insert takes one parameter per column: ${sql}`);
      }
      built = { sql, columns };
    } else if (built.columns !== columns) {
      throw new Error(`A reusable insert was given other columns: ${columns}`);
    }
    const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(built.sql, Object.values(values)));
    return rows[0];
  };
}
